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
