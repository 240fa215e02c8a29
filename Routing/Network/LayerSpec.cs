using System.Text.Json;

namespace EventSpike.Routing.Network;

/// <summary>A layer as the network file declares it: a model class name, a size and its parameters (Rockpool names, SI units).</summary>
public sealed record LayerSpec(string Name, string Type, int Size, IReadOnlyDictionary<string, JsonElement> Parameters)
{
    /// <summary>Where the layer stands in the file, for messages (e.g. <c>layers[2]</c>).</summary>
    public string Where { get; init; } = "";
}
