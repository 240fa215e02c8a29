using System.Diagnostics;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>A run's folder describes that one run: what an earlier run wrote is gone, what the user put there stays.</summary>
public class OutputFolderTests
{
    private static string Network(string record) => $$"""
        {
          "dt": 0.0001, "duration": 0.02, "seed": 1,
          "layers": [
            { "name": "x", "type": "LIF", "size": 3, "params": { "bias": [1.8, 1.5, 1.3], "v_rest": 0, "v_reset": 0, "v_thresh": 1 } },
            { "name": "y", "type": "LIF", "size": 2, "params": { "bias": [1.6, 1.2], "v_rest": 0, "v_reset": 0, "v_thresh": 1 } }
          ],
          "record": {{record}}
        }
        """;

    private static string Write(string json)
    {
        var path = Path.Combine(TempDir(), "net.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_new_run_removes_the_files_the_previous_run_wrote_and_keeps_the_users()
    {
        var dir = TempDir();
        var a = Run("run", Write(Network("""["x", "y"]""")), "--out", dir, "--checkpoint-every", "0.005");
        Assert.True(a.Code == 0, a.Err);
        Assert.True(File.Exists(Path.Combine(dir, "x.npz")) && File.Exists(Path.Combine(dir, "raster.png")));
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(dir, "z.npz"), "mine too, though named like an output");

        var b = Run("run", Write(Network("""["y"]""")), "--out", dir, "--no-plot");
        Assert.True(b.Code == 0, b.Err);
        Assert.False(File.Exists(Path.Combine(dir, "x.npz")), "run A's x.npz is still there");
        Assert.False(File.Exists(Path.Combine(dir, "raster.png")), "run A's raster.png is still there");
        Assert.False(Directory.Exists(Path.Combine(dir, "checkpoints")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir, "checkpoints")).Any(),
            "run A's checkpoints are still there");
        Assert.True(File.Exists(Path.Combine(dir, "y.npz")));
        Assert.True(File.Exists(Path.Combine(dir, "summary.json")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
        Assert.True(File.Exists(Path.Combine(dir, "z.npz")));
    }

    /// <summary>The id of a process that has ended.</summary>
    private static int DeadProcessId()
    {
        using var p = Process.Start("true")!;
        p.WaitForExit();
        return p.Id;
    }

    [Fact]
    public void A_run_removes_stale_temporary_files_of_its_own_kinds_and_nothing_else()
    {
        var dir = TempDir();
        Directory.CreateDirectory(Path.Combine(dir, "checkpoints"));
        var dead = DeadProcessId();
        string Tmp(string name, int pid) => $".{name}.{pid}.{Guid.NewGuid():N}.tmp";
        var stale = new[]
        {
            Tmp("spikes.csv", dead), Tmp("recording.journal", dead), Tmp("summary.json", dead), Tmp("x.npz", dead),
            Path.Combine("checkpoints", Tmp("ckpt-000000000050.msgpack", dead)), Path.Combine("checkpoints", Tmp("recording.journal", dead)),
        };
        var kept = new[]
        {
            Tmp("spikes.csv", 1),              // a live process's (pid 1 started before the file was written)
            Tmp("mydata.bin", dead),           // not a kind of file a run writes
            $".spikes.csv.{dead}.tmp",         // not our pattern
            $"spikes.csv.{dead}.{Guid.NewGuid():N}.tmp",
        };
        foreach (var f in stale.Concat(kept)) File.WriteAllText(Path.Combine(dir, f), "partial");

        var (code, _, err) = Run("run", Write(Network("""["x", "y"]""")), "--out", dir, "--no-plot", "--checkpoint-every", "0.005");
        Assert.True(code == 0, err);
        foreach (var f in stale) Assert.False(File.Exists(Path.Combine(dir, f)), $"{f} is still there");
        foreach (var f in kept) Assert.True(File.Exists(Path.Combine(dir, f)), $"{f} was removed");
    }
}
