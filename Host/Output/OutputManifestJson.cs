using System.Text.Json.Serialization;

namespace EventSpike.Host.Output;

/// <summary>
/// outputs.json's serializer, generated at compile time (no reflection or emitted code on the way to a run's
/// first spike): snake_case names, indented, as <see cref="OutputManifest"/> has always written them.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OutputManifest))]
internal sealed partial class OutputManifestJson : JsonSerializerContext;
