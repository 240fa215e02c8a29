using System.Diagnostics;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>The built executable as a user runs it: real exit codes and streams.</summary>
public class ProcessTests
{
    private static (int Code, string Out, string Err) Exec(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "eventspike.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "eventspike did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "eventspike.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    [Fact]
    public void A_run_killed_mid_way_and_resumed_gives_byte_identical_outputs()
    {
        // The example with a probe, so the probe's recording is checked across the kill too.
        var network = Path.Combine(TempDir(), "reservoir-probed.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Example("reservoir.json")))!.AsObject();
        json["probes"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"layer": "reservoir", "variable": "v_mem", "neurons": [0, 7, 3], "interval": 0.0007}]""");
        File.WriteAllText(network, json.ToJsonString());
        var reference = TempDir();
        Assert.Equal(0, Exec("run", network, "--duration", "1.5", "--out", reference, "--no-plot").Code);

        var dir = TempDir();
        using (var run = Start("run", network, "--duration", "1.5", "--out", dir, "--no-plot", "--realtime", "--checkpoint-every", "0.2"))
        {
            var folder = Path.Combine(dir, "checkpoints");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((!Directory.Exists(folder) || Directory.GetFiles(folder, "ckpt-*.msgpack").Length < 3) && DateTime.UtcNow < deadline && !run.HasExited)
                Thread.Sleep(20);
            Assert.False(run.HasExited, "the paced run ended before it could be killed");
            run.Kill(entireProcessTree: true); // as kill -9: no chance to flush anything
            run.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(dir, "spikes.csv")));
        Assert.False(File.Exists(Path.Combine(dir, "summary.json")));

        var (code, _, err) = Exec("run", "--resume", dir, "--no-plot");
        Assert.True(code == 0, err);
        Assert.Contains("resuming from", err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "spikes.csv")), File.ReadAllBytes(Path.Combine(dir, "spikes.csv")));
        foreach (var layer in new[] { "input", "reservoir", "readout" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(reference, layer + ".npz")), File.ReadAllBytes(Path.Combine(dir, layer + ".npz")));
        foreach (var probe in new[] { "reservoir.v_mem.csv", "reservoir.v_mem.npz" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(reference, probe)), File.ReadAllBytes(Path.Combine(dir, probe)));

        var mismatch = Exec("run", "--resume", dir, "--seed", "9");
        Assert.Equal(2, mismatch.Code);
        Assert.Contains("does not match the run's seed", mismatch.Err);
        var notARun = Exec("run", "--resume", TempDir());
        Assert.Equal(2, notARun.Code);
        Assert.Contains("not the folder of a run with checkpoints", notARun.Err);
    }

    [Fact]
    public async Task Ctrl_C_flushes_the_outputs_writes_a_checkpoint_and_exits_130_and_the_run_resumes_identically()
    {
        var reference = TempDir();
        Assert.Equal(0, Exec("run", Example("reservoir.json"), "--duration", "3", "--out", reference, "--no-plot").Code);
        var dir = TempDir();
        string stderr;
        using (var run = Start("run", Example("reservoir.json"), "--duration", "3", "--out", dir, "--no-plot", "--realtime", "--checkpoint-every", "100"))
        {
            var errors = run.StandardError.ReadToEndAsync();
            // The journal appears when the run has set up its outputs (and its Ctrl-C handler): then interrupt.
            var journal = Path.Combine(dir, "checkpoints", "recording.journal");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(journal) && DateTime.UtcNow < deadline && !run.HasExited) await Task.Delay(20);
            await Task.Delay(600);
            Assert.False(run.HasExited);
            using (var kill = Process.Start("kill", ["-INT", run.Id.ToString()])) kill.WaitForExit();
            Assert.True(run.WaitForExit(30_000));
            Assert.Equal(130, run.ExitCode);
            stderr = await errors;
        }
        Assert.Contains("checkpoint: ", stderr);
        var rows = File.ReadAllLines(Path.Combine(dir, "spikes.csv"));
        var full = File.ReadAllLines(Path.Combine(reference, "spikes.csv"));
        Assert.True(rows.Length > 100 && rows.Length < full.Length);
        Assert.Equal(full.Take(rows.Length), rows); // what was flushed is a valid prefix

        var (code, _, err) = Exec("run", "--resume", dir, "--no-plot");
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "spikes.csv")), File.ReadAllBytes(Path.Combine(dir, "spikes.csv")));
    }

    [Fact]
    public void The_executable_runs_the_example_and_exits_0()
    {
        var dir = TempDir();
        var (code, stdout, stderr) = Exec("run", Example("reservoir.json"), "--duration", "0.1", "--out", dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("spikes", stdout);
        Assert.True(File.Exists(Path.Combine(dir, "summary.json")));
    }

    [Fact]
    public void The_executable_reports_bad_input_with_exit_2_and_no_stack_trace()
    {
        var (code, _, stderr) = Exec("run", "/nonexistent.json");
        Assert.Equal(2, code);
        Assert.StartsWith("error: /nonexistent.json: network file not found", stderr);
        Assert.DoesNotContain(" at ", stderr);
    }
}
