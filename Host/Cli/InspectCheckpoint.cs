using EventSpike.Actors.Checkpoints;
using MessagePack;

namespace EventSpike.Host.Cli;

/// <summary><c>inspect ckpt-STEP.msgpack</c>: a checkpoint's step, window, run, and each layer's step, spikes so far and state variables with their sizes.</summary>
internal static class InspectCheckpoint
{
    public static bool Recognises(string path) =>
        Path.GetFileName(path).StartsWith("ckpt-", StringComparison.Ordinal) && path.EndsWith(".msgpack", StringComparison.OrdinalIgnoreCase);

    public static Dictionary<string, object?> File(string path)
    {
        Checkpoint checkpoint;
        try
        {
            checkpoint = MessagePackSerializer.Deserialize<Checkpoint>(System.IO.File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is MessagePackSerializationException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: not a readable checkpoint: {e.Message}");
        }
        return new Dictionary<string, object?>
        {
            ["kind"] = "checkpoint",
            ["version"] = checkpoint.Version,
            ["run_id"] = checkpoint.RunId,
            ["step"] = checkpoint.Step,
            ["window"] = checkpoint.Window,
            ["window_steps"] = checkpoint.WindowSteps,
            ["journal_bytes"] = checkpoint.JournalBytes,
            ["layers"] = checkpoint.Layers.Select(l => new Dictionary<string, object?>
            {
                ["layer"] = l.Layer,
                ["step"] = l.Step,
                ["size"] = l.State.Values.Select(v => v.Length).DefaultIfEmpty(0).Max(),
                ["spikes"] = l.Spikes,
                ["state"] = l.State.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value.Length),
                ["pending_batches"] = l.PendingSpikes.Length + l.PendingSamples.Length,
            }).ToList(),
        };
    }
}
