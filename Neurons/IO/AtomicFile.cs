namespace EventSpike.Neurons.IO;

/// <summary>
/// Writes a file whole or not at all: the bytes go to a temporary file in the same folder
/// (<c>.NAME.PID.GUID.tmp</c>, hidden, unique per process and call), are flushed to disk, and the
/// temporary file is then renamed over the target. A file under its final name is therefore always
/// complete; if the write fails, the temporary file is deleted and an existing target is left as it was.
/// Every writer of the solution's output files (spikes, summaries, plots, .npy/.npz, checkpoints) goes through it.
/// </summary>
public static class AtomicFile
{
    /// <summary>A fresh temporary name beside <paramref name="path"/>: <c>.NAME.PID.GUID.tmp</c> in the same folder.</summary>
    public static string TemporaryPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/> through a temporary file renamed over it once flushed to disk.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var temp = TemporaryPathFor(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, s =>
        {
            using var w = new StreamWriter(s, leaveOpen: true);
            w.Write(text);
        });

    /// <summary>Deletes a file if it can; a file that cannot be deleted (or is not there) is left.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
