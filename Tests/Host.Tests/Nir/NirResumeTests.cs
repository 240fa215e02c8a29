using System.Collections.Concurrent;
using Xunit;
using static EventSpike.Host.Tests.HostProcess;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests.Nir;

/// <summary><c>run --resume</c> of a NIR run converts the graph with the options the run was given (kept in its manifest).</summary>
public class NirResumeTests
{
    private const double Dt = 1e-4;

    [SkippableFact]
    public void A_nir_run_with_non_default_options_stopped_and_resumed_gives_the_uninterrupted_spikes()
    {
        var graph = NirData.Path("braille_noDelay_noBias_subtract_subgraph.nir");
        var input = NirData.Spikes(Enumerable.Range(0, 10_000).SelectMany(k => Enumerable.Range(0, 12).Where(c => (k * 3 + c * 7) % 10 == 0).Select(c => (k, c))), 12, 1.0, Dt);
        string[] options = ["--dt", "0.0001", "--input", "input=" + input, "--duration", "1", "--no-plot", "--nir-reset", "subtract", "--nir-method", "euler"];
        var (reference, plain) = (TempDir(), TempDir());
        Assert.Equal(0, Exec(["run", graph, .. options, "--out", reference]).Code);
        Assert.Equal(0, Exec(["run", graph, .. options[..^4], "--out", plain]).Code);
        var expected = File.ReadAllBytes(Path.Combine(reference, "spikes.csv"));
        Assert.NotEqual(expected, File.ReadAllBytes(Path.Combine(plain, "spikes.csv"))); // the options matter

        var dir = TempDir();
        var lines = new ConcurrentQueue<string>();
        using (var run = Start(lines, ["run", graph, .. options, "--out", dir, "--realtime", "--checkpoint-every", "0.1"]))
        {
            WaitUntil(run, () => lines.Any(l => l.StartsWith("checkpoint: ", StringComparison.Ordinal)));
            Assert.False(run.HasExited, "the run ended before its first checkpoint could be seen");
            Signal(run, "TERM");
            var stopped = run.WaitForExit(120_000); // generous: the test suite runs many processes at once
            if (!stopped) run.Kill(entireProcessTree: true);
            Assert.True(stopped, "the run did not stop after SIGTERM");
            Assert.Equal(143, run.ExitCode);
        }
        Assert.Contains("\"nir_reset\": \"subtract\"", File.ReadAllText(Path.Combine(dir, "checkpoints", "run.json")));
        var (code, _, err) = Exec("run", "--resume", dir, "--no-plot");
        Assert.True(code == 0, err);
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(dir, "spikes.csv")));
        (code, _, err) = Exec("run", "--resume", dir, "--nir-reset", "zero");
        Assert.Equal(2, code);
        Assert.Contains("--nir-reset zero does not match the run's subtract", err);
    }
}
