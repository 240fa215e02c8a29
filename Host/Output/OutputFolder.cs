using EventSpike.Host.Cli;

namespace EventSpike.Host.Output;

/// <summary>Makes sure the output folder exists and can be written before anything runs.</summary>
public static class OutputFolder
{
    public static void Prepare(string dir)
    {
        try
        {
            if (File.Exists(dir)) throw new InputException($"--out {dir}: is a file, not a folder");
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, $".eventspike-write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException($"--out {dir}: the output folder cannot be written: {e.Message}");
        }
    }
}
