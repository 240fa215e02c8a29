using System.Collections.Concurrent;
using System.Globalization;
using Xunit;
using static EventSpike.Host.Tests.HostProcess;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>
/// What a run promises about its folder when it is killed, stopped by a signal, or started again over
/// another run: resume continues exactly the run that was interrupted, never another one's checkpoints.
/// </summary>
public class SignalAndResumeTests
{
    /// <summary>The step of each checkpoint file in the folder.</summary>
    private static long[] CheckpointSteps(string dir) =>
        Directory.GetFiles(Path.Combine(dir, "checkpoints"), "ckpt-*.msgpack")
            .Select(f => long.Parse(Path.GetFileNameWithoutExtension(f)["ckpt-".Length..], CultureInfo.InvariantCulture)).Order().ToArray();

    [Fact]
    public void Resume_after_a_second_run_into_the_folder_was_killed_continues_that_run_or_refuses()
    {
        var net = Example("reservoir.json");
        var reference = TempDir();
        Assert.Equal(0, Exec("run", net, "--duration", "1.5", "--seed", "7", "--out", reference, "--no-plot").Code);
        var dir = TempDir();
        var a = Exec("run", net, "--duration", "1.5", "--seed", "12", "--checkpoint-every", "0.3", "--out", dir, "--no-plot");
        Assert.True(a.Code == 0, a.Err);
        Assert.True(CheckpointSteps(dir).Length >= 4); // run A's checkpoints, the newest near its end

        var lines = new ConcurrentQueue<string>();
        using (var b = Start(lines, "run", net, "--duration", "1.5", "--seed", "7", "--checkpoint-every", "0.3", "--out", dir, "--no-plot", "--realtime"))
        {
            WaitUntil(b, () => lines.Any(l => l.StartsWith("checkpoint: ", StringComparison.Ordinal)));
            Assert.False(b.HasExited, "run B ended before its first checkpoint could be seen");
            b.Kill(entireProcessTree: true); // as kill -9
            b.WaitForExit();
        }

        var (code, _, err) = Exec("run", "--resume", dir, "--no-plot");
        if (code == 2)
        {
            Assert.StartsWith("error: ", err);
            return;
        }
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "spikes.csv")), File.ReadAllBytes(Path.Combine(dir, "spikes.csv")));
    }

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public void A_stop_signal_flushes_the_outputs_checkpoints_at_the_stop_and_the_run_resumes_identically(string signal, int exitCode)
    {
        var net = Example("reservoir.json");
        var reference = TempDir();
        Assert.Equal(0, Exec("run", net, "--duration", "3", "--out", reference, "--no-plot").Code);
        var dir = TempDir();
        var lines = new ConcurrentQueue<string>();
        long[] periodic;
        using (var run = Start(lines, "run", net, "--duration", "3", "--out", dir, "--no-plot", "--realtime", "--checkpoint-every", "0.2"))
        {
            WaitUntil(run, () => lines.Count(l => l.StartsWith("checkpoint: ", StringComparison.Ordinal)) >= 2);
            Thread.Sleep(100); // between two periodic checkpoints
            Assert.False(run.HasExited);
            periodic = CheckpointSteps(dir);
            Signal(run, signal);
            Assert.True(run.WaitForExit(30_000), $"the run did not stop after SIG{signal}");
            run.WaitForExit();
            Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}: {string.Join('\n', lines)}");
        }
        var dirFiles = Directory.GetFiles(dir, "*", SearchOption.AllDirectories);
        Assert.DoesNotContain(dirFiles, f => Path.GetFileName(f).EndsWith(".tmp", StringComparison.Ordinal));

        var rows = File.ReadAllLines(Path.Combine(dir, "spikes.csv"));
        var full = File.ReadAllLines(Path.Combine(reference, "spikes.csv"));
        Assert.True(rows.Length > 100 && rows.Length < full.Length, $"{rows.Length} of {full.Length} rows");
        Assert.Equal(full.Take(rows.Length), rows); // what was flushed is a valid prefix
        // The prefix's other outputs too: the layers' .npz files and a summary marked as interrupted, covering every spike written.
        foreach (var layer in new[] { "input", "reservoir", "readout" }) Assert.True(File.Exists(Path.Combine(dir, layer + ".npz")), layer);
        using (var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))))
        {
            Assert.True(summary.RootElement.GetProperty("interrupted").GetBoolean());
            Assert.Equal(rows.Length - 1, summary.RootElement.GetProperty("total_spikes").GetInt64());
            var covered = summary.RootElement.GetProperty("duration_s").GetDouble();
            Assert.True(covered >= double.Parse(rows[^1].Split(',')[0], CultureInfo.InvariantCulture) - 1e-9 && covered < 3, $"duration_s {covered}");
        }
        // A checkpoint at the stop: newer than the periodic ones, and covering every spike written.
        var newest = CheckpointSteps(dir).Last();
        Assert.True(newest > periodic.Last(), $"newest checkpoint at step {newest}, the periodic ones reached {periodic.Last()}");
        var lastSpikeTime = double.Parse(rows[^1].Split(',')[0], CultureInfo.InvariantCulture);
        Assert.True(newest * 0.0001 >= lastSpikeTime - 1e-9, $"checkpoint at step {newest}, spikes.csv reaches {lastSpikeTime} s");

        var (code, _, err) = Exec("run", "--resume", dir, "--no-plot");
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "spikes.csv")), File.ReadAllBytes(Path.Combine(dir, "spikes.csv")));
    }
}
