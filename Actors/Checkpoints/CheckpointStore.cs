using EventSpike.Neurons.IO;
using MessagePack;

namespace EventSpike.Actors.Checkpoints;

/// <summary>
/// Checkpoint files in a folder: <c>ckpt-STEP.msgpack</c>, each written through <see cref="AtomicFile"/>
/// (a temporary name, flushed and renamed), so a file under its final name is complete. The newest
/// one that reads back wins.
/// </summary>
public sealed class CheckpointStore(string folder)
{
    public string Folder { get; } = folder;

    public string Save(Checkpoint checkpoint)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"ckpt-{checkpoint.Step:D12}.msgpack");
        AtomicFile.Write(path, stream => MessagePackSerializer.Serialize(stream, checkpoint));
        return path;
    }

    /// <summary>The newest checkpoint that reads back whole, or null.</summary>
    public (Checkpoint Checkpoint, string Path)? Newest()
    {
        if (!Directory.Exists(Folder)) return null;
        foreach (var path in Directory.GetFiles(Folder, "ckpt-*.msgpack").OrderDescending())
        {
            try
            {
                var bytes = File.ReadAllBytes(path);
                var checkpoint = MessagePackSerializer.Deserialize<Checkpoint>(bytes);
                if (checkpoint.Version == Checkpoint.CurrentVersion) return (checkpoint, path);
            }
            catch (Exception e) when (e is MessagePackSerializationException or IOException or InvalidOperationException)
            {
                // A damaged file: fall back to the one before.
            }
        }
        return null;
    }
}
