using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Xunit;
using static EventSpike.Host.Tests.HostProcess;

namespace EventSpike.Host.Tests;

/// <summary>
/// Ctrl-C and SIGTERM on a live socket stream: a real <c>eventspike stream --source tcp://…</c> process fed by a
/// test-written AEDAT4 server, stopped by the signal, leaves whole outputs and a summary marked interrupted.
/// </summary>
public class StreamSignalTests
{
    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void A_signal_stops_a_live_tcp_stream_with_whole_outputs_and_an_interrupted_summary(string signal, int exitCode)
    {
        using var peer = new Aedat4Peer();
        var dir = HostRunner.TempDir();
        var lines = new ConcurrentQueue<string>();
        using (var stream = Start(lines, "stream", "--source", $"tcp://127.0.0.1:{peer.Port}", "--sensor", "34x34", "--network", HostRunner.Example("dvs.json"),
                   "--input-layer", "input", "--policy", "block", "--out", dir, "--no-plot"))
        {
            WaitUntil(stream, () => peer.Sent >= 400);
            Assert.False(stream.HasExited, string.Join('\n', lines));
            Signal(stream, signal);
            Assert.True(stream.WaitForExit(30_000), $"the stream did not stop after SIG{signal}");
            stream.WaitForExit();
            Assert.True(stream.ExitCode == exitCode, $"exit {stream.ExitCode}: {string.Join('\n', lines)}");
        }
        Assert.DoesNotContain(Directory.GetFiles(dir, "*", SearchOption.AllDirectories), f => f.EndsWith(".tmp", StringComparison.Ordinal));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var root = summary.RootElement;
        Assert.True(root.GetProperty("interrupted").GetBoolean());
        var eventsIn = root.GetProperty("events_in").GetInt64();
        Assert.InRange(eventsIn, 1, peer.Sent);
        Assert.Equal(0, root.GetProperty("events_dropped").GetInt64());
        Assert.Equal(0, root.GetProperty("events_outside_crop").GetInt64());
        var latency = root.GetProperty("latency_ms");
        Assert.True(latency.GetProperty("windows").GetInt64() > 0);
        Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p99").GetDouble());
        Assert.True(latency.GetProperty("p99").GetDouble() <= latency.GetProperty("max").GetDouble());

        // spikes.csv is whole: one row per spike of the summary, sorted by time; the input layer holds every event that came
        // in, event i (200 µs apart, each on a step of its own: step 2i) at the end of its step, (2i + 1)·0.1 ms, as every spike is written.
        var rows = File.ReadAllLines(Path.Combine(dir, "spikes.csv"));
        Assert.Equal("time_s,layer,neuron", rows[0]);
        var spikes = rows.Skip(1).Select(r => r.Split(',')).ToList();
        Assert.Equal(root.GetProperty("total_spikes").GetInt64(), spikes.Count);
        var times = spikes.Select(s => double.Parse(s[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        foreach (var layer in root.GetProperty("layers").EnumerateArray())
            Assert.Equal(layer.GetProperty("spikes").GetInt64(), spikes.Count(s => s[1] == layer.GetProperty("name").GetString()));
        var input = spikes.Where(s => s[1] == "input").Select(s => double.Parse(s[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(eventsIn, input.Count);
        for (var i = 0; i < input.Count; i++) Assert.True(Math.Abs(input[i] - (2 * i + 1) * 0.0001) < 1e-9, $"input spike {i} at {input[i]} s");
        Assert.True(root.GetProperty("duration_s").GetDouble() >= input[^1]);
    }
}
