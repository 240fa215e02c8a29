using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EventSpike.Host.Output;

/// <summary>
/// Temporary files a killed run left behind (<c>.NAME.PID.GUID.tmp</c>, <see cref="AtomicFile"/>'s names,
/// and the raster's <c>.NAME.PID.GUID.tmp.png</c>). A run removes those of the kinds a run writes
/// (NAME ends in <c>.csv</c>, <c>.npz</c>, <c>.png</c>, <c>.json</c>, <c>.journal</c> or <c>.msgpack</c>)
/// whose writer is gone: no live process has the PID, the process with that PID started after the file
/// was last written (the PID was reused), or it is this process and the file is older than the run's start.
/// Any other file is left alone, a live writer's temporary files too.
/// </summary>
public static partial class StaleTemporaryFiles
{
    [GeneratedRegex(@"^\.(?<name>.+\.(csv|npz|png|json|journal|msgpack))\.(?<pid>\d{1,9})\.[0-9a-f]{32}\.tmp(\.png)?$")]
    private static partial Regex Pattern();

    /// <summary>Removes the stale temporary files directly in <paramref name="dir"/>; returns their names.</summary>
    public static IReadOnlyList<string> Remove(string dir, DateTime runStartUtc)
    {
        if (!Directory.Exists(dir)) return [];
        var removed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(dir, ".*.tmp*"))
        {
            var match = Pattern().Match(Path.GetFileName(path));
            if (!match.Success || !IsStale(int.Parse(match.Groups["pid"].Value), File.GetLastWriteTimeUtc(path), runStartUtc)) continue;
            AtomicFile.TryDelete(path);
            removed.Add(Path.GetFileName(path));
        }
        return removed;
    }

    private static bool IsStale(int pid, DateTime writtenUtc, DateTime runStartUtc)
    {
        if (pid == Environment.ProcessId) return writtenUtc < runStartUtc;
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited) return true;
            return process.StartTime.ToUniversalTime() > writtenUtc;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return true; // no process has that id
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false; // cannot tell: leave it
        }
    }
}
