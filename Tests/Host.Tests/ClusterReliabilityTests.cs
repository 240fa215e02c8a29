using System.Diagnostics;
using EventSpike.Neurons.Series;
using Xunit;
using static EventSpike.Host.Tests.ClusterProcesses;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>Cluster runs that lose workers, stall or meet workers in other folders: bounded in time, loopback only.</summary>
public class ClusterReliabilityTests
{
    private static string[] RunArgs(string dir, string seed, string minNodes, params string[] more) =>
        ["run", Example("reservoir.json"), "--duration", "0.1", "--out", dir, "--no-plot", "--seed-nodes", seed, "--min-nodes", minNodes, .. more];

    [Fact]
    public async Task A_worker_killed_while_idle_is_not_counted_and_is_soon_removed_so_runs_go_to_live_workers_only()
    {
        using var workers = new Workers();
        await Task.Delay(1000);
        workers.Nodes[1].Kill(entireProcessTree: true);
        var clock = Stopwatch.StartNew();
        var (code, _, err) = await ExecWithin(TimeSpan.FromSeconds(45), null, RunArgs(TempDir(), workers.Seed, "2", "--join-timeout", "5"));
        Assert.True(code == 2, err);
        Assert.Contains("only 1 of 2 worker node(s) joined within 5 s", err);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 15);

        // Downed by now (or soon): a run that needs one worker runs on the live one only.
        var dir = TempDir();
        (code, _, err) = await ExecWithin(TimeSpan.FromSeconds(45), null, RunArgs(dir, workers.Seed, "1", "--join-timeout", "20"));
        Assert.True(code == 0, err);
        var summary = File.ReadAllText(Path.Combine(dir, "summary.json"));
        Assert.Contains($"127.0.0.1:{workers.Ports[0]}", summary);
        Assert.DoesNotContain($"127.0.0.1:{workers.Ports[1]}", summary);
    }

    [Fact]
    public async Task A_run_whose_watchdog_fires_on_a_cluster_exits_3_promptly()
    {
        // Failure detectors that wait a minute, so the stopped worker stalls the run instead of being lost.
        var patient = Path.Combine(TempDir(), "patient.hocon");
        File.WriteAllText(patient, "akka.cluster.failure-detector.acceptable-heartbeat-pause = 60 s\n");
        using var workers = new Workers(2, null, "--config", patient);
        using var run = Start("run", Example("reservoir.json"), "--duration", "30", "--realtime", "--out", TempDir(), "--no-plot",
            "--seed-nodes", workers.Seed, "--min-nodes", "2", "--watchdog", "2", "--cluster", patient);
        var err = new List<string>();
        var placed = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            while (await run.StandardError.ReadLineAsync() is { } line)
            {
                lock (err) err.Add(line);
                if (line.StartsWith("cluster: ")) placed.TrySetResult();
            }
        });
        await placed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        var stopped = workers.Nodes.Select(n => n.Id).ToList();
        foreach (var pid in stopped) Process.Start("kill", ["-STOP", pid.ToString()])!.WaitForExit();
        var clock = Stopwatch.StartNew();
        try
        {
            await run.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(40)).Token);
        }
        finally
        {
            foreach (var pid in stopped) Process.Start("kill", ["-CONT", pid.ToString()])!.WaitForExit();
        }
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 8);
        await reading;
        Assert.Equal(3, run.ExitCode);
        lock (err) Assert.Contains(err, l => l.Contains("stalled: no window finished"));
    }

    [Fact]
    public async Task A_restarted_worker_rejoins_the_cluster_after_its_old_incarnation_was_lost_mid_run()
    {
        using var workers = new Workers();
        using (var run = Start("run", Example("reservoir.json"), "--duration", "30", "--realtime", "--out", TempDir(), "--no-plot",
                   "--seed-nodes", workers.Seed, "--min-nodes", "2"))
        {
            var placed = new TaskCompletionSource();
            var reading = Task.Run(async () =>
            {
                while (await run.StandardError.ReadLineAsync() is { } line)
                    if (line.StartsWith("cluster: ")) placed.TrySetResult();
            });
            await placed.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(1000);
            workers.Nodes[1].Kill(entireProcessTree: true);
            await run.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(40)).Token);
            Assert.Equal(3, run.ExitCode);
            await reading;
        }
        workers.Nodes[1].Dispose();
        workers.Nodes[1] = workers.StartNode(1); // the same host:port, a new incarnation
        var clock = Stopwatch.StartNew();
        var dir = TempDir();
        var (code, _, err) = await ExecWithin(TimeSpan.FromSeconds(60), null, RunArgs(dir, workers.Seed, "2", "--join-timeout", "30"));
        Assert.True(code == 0, err);
        var summary = File.ReadAllText(Path.Combine(dir, "summary.json"));
        Assert.Contains($"127.0.0.1:{workers.Ports[1]}", summary);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 30);
    }

    [Fact]
    public async Task Workers_compute_on_the_coordinator_s_input_files_not_on_files_of_the_same_name_in_their_own_folder()
    {
        var here = TempDir();
        var there = TempDir();
        new TSEvent([0.010, 0.012, 0.030, 0.050, 0.070], [0, 3, 2, 1, 0], numChannels: 100).Save(Path.Combine(here, "in.npz"));
        new TSEvent([0.020, 0.040], [5, 6], numChannels: 100).Save(Path.Combine(there, "in.npz"));
        using var workers = new Workers(2, there);
        var single = Path.Combine(here, "single");
        var (code, _, err) = await ExecWithin(TimeSpan.FromSeconds(60), here,
            "run", Example("reservoir.json"), "--duration", "0.1", "--input", "input=in.npz", "--out", single, "--no-plot");
        Assert.True(code == 0, err);
        var spread = Path.Combine(here, "spread");
        (code, _, err) = await ExecWithin(TimeSpan.FromSeconds(60), here, RunArgs(spread, workers.Seed, "2", "--input", "input=in.npz"));
        Assert.True(code == 0, err);
        var spikes = File.ReadAllText(Path.Combine(single, "spikes.csv"));
        Assert.Contains(",input,3", spikes);
        Assert.Equal(spikes, File.ReadAllText(Path.Combine(spread, "spikes.csv")));
    }

    [Fact]
    public async Task The_TLS_password_may_come_from_a_file_or_the_environment_instead_of_the_command_line()
    {
        var dir = TempDir();
        var cert = Path.Combine(dir, "cluster.pfx");
        using (var key = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=cluster", key,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
            File.WriteAllBytes(cert, self.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "secret"));
        }
        var passwordFile = Path.Combine(dir, "password");
        File.WriteAllText(passwordFile, "secret\n");
        var port = FreePort();
        using var node = Start("node", "--port", port.ToString(), "--threads", "1", "--tls-cert", cert, "--tls-password-file", passwordFile);
        try
        {
            WaitUp(node, "akka.ssl.tcp");
            using var run = StartIn(null, new Dictionary<string, string> { ["EVENTSPIKE_TLS_PASSWORD"] = "secret" },
                RunArgs(TempDir(), $"127.0.0.1:{port}", "1", "--tls-cert", cert, "--join-timeout", "20"));
            var err = run.StandardError.ReadToEndAsync();
            await run.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
            Assert.True(run.ExitCode == 0, await err);
        }
        finally
        {
            node.Kill(entireProcessTree: true);
        }
    }
}
