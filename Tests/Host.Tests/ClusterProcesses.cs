using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace EventSpike.Host.Tests;

/// <summary>Real <c>eventspike</c> processes on 127.0.0.1 for the cluster tests: free ports, bounded runs, worker nodes.</summary>
public static class ClusterProcesses
{
    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "eventspike.dll");

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static Process Start(params string[] args) => StartIn(null, null, args);

    /// <summary>Starts <c>eventspike ARGS</c> in <paramref name="folder"/> (null: the test's own) with extra environment variables.</summary>
    public static Process StartIn(string? folder, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (folder is not null) psi.WorkingDirectory = folder;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    public static Task<(int Code, string Out, string Err)> Exec(params string[] args) => ExecWithin(TimeSpan.FromMinutes(3), null, args);

    /// <summary>Runs a command to its end, or kills it after <paramref name="limit"/> (its code is then -1).</summary>
    public static async Task<(int Code, string Out, string Err)> ExecWithin(TimeSpan limit, string? folder, params string[] args)
    {
        using var p = StartIn(folder, null, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            await p.WaitForExitAsync(new CancellationTokenSource(limit).Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            return (-1, await stdout, await stderr + $"\n(killed after {limit.TotalSeconds:0} s)");
        }
        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Waits for a node's first line, which says where it listens.</summary>
    public static void WaitUp(Process node, string scheme = "akka.tcp")
    {
        var line = node.StandardOutput.ReadLine();
        Assert.StartsWith($"node up at {scheme}://eventspike@127.0.0.1:", line);
    }

    /// <summary>Worker nodes, the first its own seed; disposed by killing them.</summary>
    public sealed class Workers : IDisposable
    {
        private readonly string[] _extra;
        private readonly string? _folder;

        /// <param name="count">How many workers.</param>
        /// <param name="folder">Working folder of the workers after the first (null: the test's own).</param>
        /// <param name="extra">More arguments for every worker.</param>
        public Workers(int count = 2, string? folder = null, params string[] extra)
        {
            _extra = extra;
            _folder = folder;
            Ports = Enumerable.Range(0, count).Select(_ => FreePort()).ToList();
            for (var k = 0; k < count; k++) Nodes.Add(StartNode(k));
        }

        public List<int> Ports { get; }
        public List<Process> Nodes { get; } = new();
        public string Seed => $"127.0.0.1:{Ports[0]}";

        /// <summary>Starts worker <paramref name="k"/> on its port (again, after it was killed) and waits for it to listen.</summary>
        public Process StartNode(int k)
        {
            string[] args = k == 0
                ? ["node", "--port", Ports[0].ToString(), "--threads", "1", .. _extra]
                : ["node", "--port", Ports[k].ToString(), "--seed-nodes", Seed, "--threads", "1", .. _extra];
            var node = StartIn(k == 0 ? null : _folder, null, args);
            WaitUp(node);
            return node;
        }

        /// <summary>Stops every worker and returns what each wrote on stderr (node k, its text).</summary>
        public IReadOnlyList<(int Node, string Errors)> StopAndReadErrors()
        {
            var errors = new List<(int, string)>();
            for (var k = 0; k < Nodes.Count; k++)
            {
                if (!Nodes[k].HasExited) Nodes[k].Kill(entireProcessTree: true);
                Nodes[k].WaitForExit();
                errors.Add((k, Nodes[k].StandardError.ReadToEnd()));
            }
            return errors;
        }

        public void Dispose()
        {
            foreach (var node in Nodes)
            {
                if (!node.HasExited) node.Kill(entireProcessTree: true);
                node.Dispose();
            }
        }
    }
}
