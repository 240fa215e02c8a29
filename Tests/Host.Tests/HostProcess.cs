using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit;

namespace EventSpike.Host.Tests;

/// <summary>The built executable as a child process: run to the end, or started and watched line by line on stderr.</summary>
public static class HostProcess
{
    private static ProcessStartInfo Info(string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "eventspike.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>Runs eventspike to the end (2 minutes at most) and returns its exit code and streams.</summary>
    public static (int Code, string Out, string Err) Exec(params string[] args)
    {
        using var p = Process.Start(Info(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "eventspike did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts eventspike; its stderr lines gather in <paramref name="stderr"/> as they come.</summary>
    public static Process Start(ConcurrentQueue<string> stderr, params string[] args)
    {
        var p = new Process { StartInfo = Info(args) };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) stderr.Enqueue(e.Data);
        };
        p.OutputDataReceived += (_, _) => { };
        p.Start();
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        return p;
    }

    /// <summary>Waits (60 s at most) until <paramref name="ready"/> holds or the process has exited.</summary>
    public static void WaitUntil(Process p, Func<bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!ready() && DateTime.UtcNow < deadline && !p.HasExited) Thread.Sleep(10);
    }

    /// <summary>Sends a signal (<c>INT</c>, <c>TERM</c>, <c>KILL</c>) to the process, as <c>kill -s NAME PID</c> does.</summary>
    public static void Signal(Process p, string name)
    {
        using var kill = Process.Start("kill", ["-s", name, p.Id.ToString()])!;
        kill.WaitForExit();
    }
}
