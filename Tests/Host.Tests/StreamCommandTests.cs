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

    /// <summary>Every shared real recording streams through dvs.json without options: the default mapping fits its sensor to 578 channels.</summary>
    [SkippableTheory]
    [InlineData("evt2_sample.raw", 640, 480)]
    [InlineData("evt3_sample.raw", 1280, 720)]
    [InlineData("sample.aedat4", 320, 240)]
    [InlineData("sample_aedat_header.aedat", 346, 260)]
    [InlineData("sample_ncars.dat", 78, 42)]
    [InlineData("sample_nmnist.bin", 34, 34)]
    public void A_shared_recording_streams_through_dvs_json_without_options(string name, int width, int height)
    {
        var path = EventSpike.Tests.Common.SharedFiles.Find("data/sensors/" + name);
        Skip.If(path is null, $"shared/data/sensors/{name} is not present beside the repository: this real-recording test did not run");
        SensorFormats.RegisterAll();
        var mapping = SensorMapping.Default(width, height, 578)!;
        Assert.Equal(578, mapping.Channels);
        long count = 0, outside = 0;
        using (var reader = EventFiles.Open(path!))
        {
            var buffer = new SensorEvent[4096];
            int n;
            while ((n = reader.Read(buffer)) > 0)
                foreach (var e in buffer.AsSpan(0, n))
                {
                    count++;
                    if (mapping.Channel(e) < 0) outside++;
                }
        }
        var dir = HostRunner.TempDir();
        var streamed = HostRunner.Run("stream", "--source", path!, "--network", HostRunner.Example("dvs.json"), "--input-layer", "input",
            "--out", Path.Combine(dir, "s"), "--no-plot");
        Assert.True(streamed.Code == 0, streamed.Err);
        Assert.Contains($"{width}x{height} sensor", streamed.Err);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "s", "summary.json")));
        var root = summary.RootElement;
        // events_in counts every decoded event, cropped ones included; those the crop left out are events_outside_crop.
        Assert.Equal(count, root.GetProperty("events_in").GetInt64());
        Assert.Equal(outside, root.GetProperty("events_outside_crop").GetInt64());
        Assert.Equal(0, root.GetProperty("events_dropped").GetInt64());
    }

    [Fact]
    public void The_default_mapping_crops_a_centred_square_pooled_to_the_layer()
    {
        var m = SensorMapping.Default(640, 480, 578)!;
        Assert.Equal((28, new SensorCrop(82, 2, 476, 476), true), (m.Pool, m.Crop, m.SplitPolarity));
        var whole = SensorMapping.Default(34, 34, 578)!;
        Assert.Equal((2, new SensorCrop(0, 0, 34, 34)), (whole.Pool, whole.Crop));
        Assert.Equal(289, SensorMapping.Default(100, 50, 289)!.Channels);
        Assert.Null(SensorMapping.Default(10, 10, 578));
        Assert.Null(SensorMapping.Default(640, 480, 577));
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
