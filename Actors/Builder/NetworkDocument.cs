using System.Text.Json.Serialization;

namespace EventSpike.Actors.Builder;

/// <summary>
/// A network file of EventSpike's format (docs/network-format.md) field by field, as <see cref="NetworkBuilder"/>
/// writes and reads it through source-generated serializers (<see cref="NetworkJsonContext"/>: no reflection at run time).
/// Absent optional fields are null and not written.
/// </summary>
public sealed record NetworkDocument
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public double? Dt { get; init; }
    public double? Duration { get; init; }
    public ulong? Seed { get; init; }
    public double? Window { get; init; }

    [JsonRequired]
    public List<LayerDocument> Layers { get; init; } = [];

    public List<ConnectionDocument>? Connections { get; init; }
    public List<string>? Record { get; init; }
    public List<ProbeDocument>? Probes { get; init; }
}
