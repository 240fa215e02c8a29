using EventSpike.Neurons.IO;
using MessagePack;

namespace EventSpike.Actors.Checkpoints;

/// <summary>
/// The checkpoint files of one run in a folder: <c>ckpt-STEP.msgpack</c>, each written through
/// <see cref="AtomicFile"/> (a temporary name, flushed and renamed), so a file under its final name is
/// complete. Every checkpoint saved is stamped with the store's <see cref="RunId"/>, and only
/// checkpoints of that run are read back: a folder that still holds another run's checkpoints can
/// never hand one of them to a resume. The newest one of the run that reads back wins.
/// </summary>
public sealed class CheckpointStore(string folder, string? runId = null)
{
    public string Folder { get; } = folder;

    /// <summary>The run whose checkpoints this store writes and reads (null: a run from before runs had ids).</summary>
    public string? RunId { get; } = runId;

    public string Save(Checkpoint checkpoint)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"ckpt-{checkpoint.Step:D12}.msgpack");
        var stamped = checkpoint with { RunId = RunId };
        AtomicFile.Write(path, stream => MessagePackSerializer.Serialize(stream, stamped));
        return path;
    }

    /// <summary>The newest checkpoint of this store's run that reads back whole, or null.</summary>
    public (Checkpoint Checkpoint, string Path)? Newest()
    {
        if (!Directory.Exists(Folder)) return null;
        foreach (var path in Directory.GetFiles(Folder, "ckpt-*.msgpack").OrderDescending())
            if (Read(path) is { } checkpoint && checkpoint.Version == Checkpoint.CurrentVersion && checkpoint.RunId == RunId)
                return (checkpoint, path);
        return null;
    }

    /// <summary>The checkpoint files in the folder that belong to another run (or do not read back).</summary>
    public IReadOnlyList<string> Foreign() =>
        !Directory.Exists(Folder)
            ? []
            : Directory.GetFiles(Folder, "ckpt-*.msgpack").Where(p => Read(p) is not { } c || c.RunId != RunId).Order().ToList();

    private static Checkpoint? Read(string path)
    {
        try
        {
            return MessagePackSerializer.Deserialize<Checkpoint>(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is MessagePackSerializationException or IOException or InvalidOperationException)
        {
            return null; // a damaged file: the one before is tried
        }
    }
}
