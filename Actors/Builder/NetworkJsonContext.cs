using System.Text.Json.Serialization;

namespace EventSpike.Actors.Builder;

/// <summary>
/// The source-generated (de)serializers of <see cref="NetworkDocument"/>: snake_case names, nulls left out,
/// unknown fields refused (as <c>eventspike run</c> refuses them), comments and trailing commas tolerated.
/// Works where reflection-based serialization is off (file-based apps, trimmed and AOT publishes).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(NetworkDocument))]
public sealed partial class NetworkJsonContext : JsonSerializerContext;
