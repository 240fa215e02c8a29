using System.Text.Json;
using EventSpike.Hardware.Sensors;
using EventSpike.Hardware.Streaming;
using EventSpike.Neurons.Series;
using Xunit;

namespace EventSpike.Host.Tests;

public class StreamCommandTests
{
    static StreamCommandTests() => EventFiles.Register(new TestEventFormat());

    /// <summary>Events of a 34×34 sensor from t = 5 s (sensor clock), some exactly on step boundaries, some between.</summary>
    private static List<SensorEvent> Events()
    {
        var random = new Random(3);
        var t = 5_000_000L;
        var list = new List<SensorEvent>();
        for (var i = 0; i < 3000; i++)
        {
            t += random.Next(4) == 0 ? 100 * random.Next(3) : random.Next(1, 90);
            list.Add(new SensorEvent(t, (ushort)random.Next(34), (ushort)random.Next(34), random.Next(2) == 1));
        }
        return list;
    }

    [Fact]
    public void A_file_stream_gives_the_spikes_of_run_with_the_same_events_as_a_TSEvent_npz()
    {
        var dir = HostRunner.TempDir();
        var events = Events();
        var recording = Path.Combine(dir, "events.estest");
        TestEventFormat.Write(recording, 34, 34, events);
        var network = HostRunner.Example("dvs.json");
        var streamed = HostRunner.Run("stream", "--source", recording, "--network", network, "--input-layer", "input", "--out", Path.Combine(dir, "s"), "--no-plot");
        Assert.True(streamed.Code == 0, streamed.Err);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "s", "summary.json")));
        var root = summary.RootElement;
        Assert.Equal(events.Count, root.GetProperty("events_in").GetInt64());
        Assert.Equal(0, root.GetProperty("events_dropped").GetInt64());
        Assert.True(root.GetProperty("latency_ms").GetProperty("p99").GetDouble() >= 0);
        var steps = root.GetProperty("steps").GetInt64();
        var dt = root.GetProperty("dt").GetDouble();

        var mapping = new SensorMapping(34, 34, pool: 2);
        var t0 = events[0].TimestampUs;
        var series = new TSEvent(events.Select(e => SensorIngest.Seconds(e.TimestampUs - t0)).ToArray(), events.Select(e => mapping.Channel(e)).ToArray(),
            tStop: steps * dt, numChannels: mapping.Channels);
        var npz = Path.Combine(dir, "events.npz");
        series.Save(npz);
        var ran = HostRunner.Run("run", network, "--input", $"input={npz}", "--duration", (steps * dt).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            "--out", Path.Combine(dir, "r"), "--no-plot");
        Assert.True(ran.Code == 0, ran.Err);
        var a = File.ReadAllBytes(Path.Combine(dir, "s", "spikes.csv"));
        var b = File.ReadAllBytes(Path.Combine(dir, "r", "spikes.csv"));
        Assert.True(a.Length > 1000);
        Assert.Equal(b, a);
    }

    [Theory]
    [InlineData("--input-layer", "nosuch", "nosuch")]
    [InlineData("--input-layer", "hidden", "hidden")]
    [InlineData("--source", "tcp://127.0.0.1", "tcp://127.0.0.1")]
    [InlineData("--source", "ftp://x:1", "ftp://x:1")]
    [InlineData("--source", "missing.estest", "missing.estest")]
    [InlineData("--policy", "drop-some", "drop-some")]
    [InlineData("--speed", "-2", "--speed")]
    public void Bad_input_is_exit_2_naming_it(string option, string value, string named)
    {
        var dir = HostRunner.TempDir();
        var recording = Path.Combine(dir, "events.estest");
        TestEventFormat.Write(recording, 34, 34, Events().Take(10));
        var args = new Dictionary<string, string> { ["--source"] = recording, ["--input-layer"] = "input", ["--policy"] = "block" };
        args[option] = value;
        var argv = new List<string> { "stream", "--network", HostRunner.Example("dvs.json"), "--out", Path.Combine(dir, "o") };
        foreach (var (k, v) in args) argv.AddRange([k, v]);
        var (code, _, err) = HostRunner.Run(argv.ToArray());
        Assert.Equal(2, code);
        Assert.Contains(named, err);
        Assert.DoesNotContain("   at ", err);
    }
}
