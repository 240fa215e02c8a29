using System.Text.Json.Serialization;

namespace EventSpike.Actors.Builder;

/// <summary>One entry of a network file's <c>probes</c>: a state variable of a layer, for some neurons (all when null), every <c>interval</c> seconds (every step when null).</summary>
public sealed record ProbeDocument
{
    [JsonRequired]
    public string Layer { get; init; } = "";

    [JsonRequired]
    public string Variable { get; init; } = "";

    public int[]? Neurons { get; init; }
    public double? Interval { get; init; }
}
