using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventSpike.Actors.Builder;

/// <summary>One entry of a network file's <c>layers</c>: name, model type, size, parameters (a number or a list of <c>size</c> per name), and the optional own dt, node and backend.</summary>
public sealed record LayerDocument
{
    [JsonRequired]
    public string Name { get; init; } = "";

    [JsonRequired]
    public string Type { get; init; } = "";

    [JsonRequired]
    public int Size { get; init; }

    [JsonPropertyName("params")]
    public Dictionary<string, JsonElement>? Parameters { get; init; }

    public string? Description { get; init; }
    public double? Dt { get; init; }

    /// <summary>Cluster runs: a worker index (a number) or <c>"HOST:PORT"</c> (a string).</summary>
    public JsonElement? Node { get; init; }

    public string? Backend { get; init; }

    /// <summary>An input layer fed by an event sensor (<c>eventspike stream</c>): width, height, crop, pool, polarity; kept as written, read by the command.</summary>
    public JsonElement? Sensor { get; init; }
}
