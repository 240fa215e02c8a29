using System.Text.Json;

namespace EventSpike.Host.Cli;

/// <summary>
/// What a run with checkpoints was started with (<c>DIR/checkpoints/run.json</c>), so that
/// <c>run --resume DIR</c> rebuilds the same network and options.
/// </summary>
public sealed record RunManifest(string Network, ulong Seed, double Duration, double? Dt, double CheckpointEvery, IReadOnlyList<string> Inputs, int Credit)
{
    /// <summary>--shard-size of the run (0: no layer was sharded); the checkpoint holds one part per shard.</summary>
    public int ShardSize { get; init; }

    /// <summary>
    /// The run's id, stamped on each of its checkpoints: a resume takes only checkpoints with this id.
    /// Null in a manifest from before runs had ids (its checkpoints have none either).
    /// </summary>
    public string? RunId { get; init; }

    /// <summary>
    /// A NIR graph's conversion options as the run gave them (--nir-reset, --nir-method, --nir-spikes; null: the
    /// default), so a resume converts the graph as the run did. Null in other runs' manifests and in older ones.
    /// </summary>
    public string? NirReset { get; init; }

    public string? NirMethod { get; init; }

    public string? NirSpikes { get; init; }

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string PathIn(string outDir) => System.IO.Path.Combine(outDir, "checkpoints", "run.json");

    public void Save(string outDir)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(outDir, "checkpoints"));
        AtomicFile.WriteAllText(PathIn(outDir), JsonSerializer.Serialize(this, Options));
    }

    public static RunManifest Load(string outDir)
    {
        var path = PathIn(outDir);
        if (!File.Exists(path)) throw new InputException($"--resume {outDir}: {path} not found: not the folder of a run with checkpoints");
        try
        {
            return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Options)
                ?? throw new InputException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: line {(e.LineNumber ?? 0) + 1}: not a run manifest: {e.Message}");
        }
    }
}
