using System.Text.Json;

namespace EventSpike.Routing.Network;

/// <summary>
/// A connection as the network file declares it: source and target layer names, the weights
/// (a dense [from.size × to.size] matrix or a generator object), the delay in seconds and the
/// target port (the model's first port when null).
/// </summary>
public sealed record ConnectionSpec(string From, string To, JsonElement Weights, double Delay, string? Port)
{
    /// <summary>Where the connection stands in the file, for messages (e.g. <c>connections[1]</c>).</summary>
    public string Where { get; init; } = "";

    /// <summary>
    /// Per-synapse delays (<see cref="SynapseDelays"/>): a <c>{"mean", "std"}</c> or <c>{"low", "high"}</c> object in
    /// place of a number of seconds; null for one delay (<see cref="Delay"/>) shared by every synapse.
    /// </summary>
    public JsonElement? DelayDistribution { get; init; }
}
