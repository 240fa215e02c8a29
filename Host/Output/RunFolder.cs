using EventSpike.Host.Cli;

namespace EventSpike.Host.Output;

/// <summary>
/// Keeps an output folder describing one run. A new run first removes the stale temporary files of
/// killed runs, then exactly the files the previous run listed in <c>outputs.json</c> and the previous
/// run's checkpoint state (<c>checkpoints/run.json</c>, <c>ckpt-*.msgpack</c>, <c>recording.journal</c>),
/// and only then lists its own files; a resumed run keeps its folder and adds to its list. Files the user
/// put in the folder are never touched.
/// </summary>
public static class RunFolder
{
    /// <summary>The checkpoint folder's name in the output folder.</summary>
    public const string CheckpointFolder = "checkpoints";

    /// <summary>
    /// Makes <paramref name="dir"/> the folder of a new run <paramref name="runId"/> that will write
    /// <paramref name="files"/>. Returns the names of what it removed.
    /// </summary>
    public static IReadOnlyList<string> StartNew(string dir, string runId, IEnumerable<string> files, DateTime runStartUtc)
    {
        var removed = RemoveStale(dir, runStartUtc);
        var previous = OutputManifest.Load(dir);
        foreach (var name in previous?.Files ?? [])
            if (Remove(Path.Combine(dir, name))) removed.Add(name);
        removed.AddRange(RemoveCheckpointState(dir));
        new OutputManifest(runId, files.Distinct().ToList()).Save(dir);
        return removed;
    }

    /// <summary>A resumed run <paramref name="runId"/>: stale temporary files go, its list gains <paramref name="files"/>.</summary>
    public static void Resume(string dir, string runId, IEnumerable<string> files, DateTime runStartUtc)
    {
        RemoveStale(dir, runStartUtc);
        var listed = OutputManifest.Load(dir)?.Files ?? [];
        new OutputManifest(runId, listed.Concat(files).Distinct().ToList()).Save(dir);
    }

    private static List<string> RemoveStale(string dir, DateTime runStartUtc) =>
        StaleTemporaryFiles.Remove(dir, runStartUtc)
            .Concat(StaleTemporaryFiles.Remove(Path.Combine(dir, CheckpointFolder), runStartUtc).Select(n => Path.Combine(CheckpointFolder, n)))
            .ToList();

    /// <summary>
    /// The previous run's checkpoint state: its manifest first (so that a folder caught half-way cannot be
    /// resumed), then its checkpoints and journal; the checkpoint folder itself when nothing else is left in it.
    /// </summary>
    private static List<string> RemoveCheckpointState(string dir)
    {
        var folder = Path.Combine(dir, CheckpointFolder);
        var removed = new List<string>();
        if (!Directory.Exists(folder)) return removed;
        var state = new[] { RunManifest.PathIn(dir) }
            .Concat(Directory.GetFiles(folder, "ckpt-*.msgpack").Order())
            .Append(Path.Combine(folder, RunCommand.JournalFile));
        foreach (var path in state)
            if (Remove(path)) removed.Add(Path.Combine(CheckpointFolder, Path.GetFileName(path)));
        if (!Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        return removed;
    }

    /// <summary>Deletes a file that is there; false when there was none. A file that cannot be deleted is exit 2, naming it.</summary>
    private static bool Remove(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: the previous run's file cannot be removed: {e.Message}");
        }
    }
}
