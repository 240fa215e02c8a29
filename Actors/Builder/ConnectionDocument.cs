using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventSpike.Actors.Builder;

/// <summary>One entry of a network file's <c>connections</c>: the layers, the weights (a dense matrix or a generator object), the delay in seconds and the port.</summary>
public sealed record ConnectionDocument
{
    [JsonRequired]
    public string From { get; init; } = "";

    [JsonRequired]
    public string To { get; init; } = "";

    /// <summary>Seconds (a number), or per-synapse delays: <c>{"mean", "std"}</c> or <c>{"low", "high"}</c> (with an optional <c>min</c>).</summary>
    public JsonElement? Delay { get; init; }
    public string? Port { get; init; }

    [JsonRequired]
    public JsonElement Weights { get; init; }

    public string? Description { get; init; }
}
