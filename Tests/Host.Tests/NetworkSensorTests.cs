using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Hardware.Sensors;
using EventSpike.Hardware.Streaming;
using EventSpike.Neurons.Series;
using Xunit;

namespace EventSpike.Host.Tests;

/// <summary>A layer's "sensor" object in the network file: parsed with errors naming the field, used by stream, overridden by options.</summary>
public class NetworkSensorTests
{
    static NetworkSensorTests() => EventFiles.Register(new TestEventFormat());

    /// <summary>dvs.json with <paramref name="sensor"/> on its input layer of <paramref name="size"/> neurons, written into <paramref name="dir"/>.</summary>
    private static string Network(string dir, string sensor, int size)
    {
        var net = JsonNode.Parse(File.ReadAllText(HostRunner.Example("dvs.json")))!;
        net["layers"]![0]!["size"] = size;
        net["layers"]![0]!["sensor"] = JsonNode.Parse(sensor);
        var path = Path.Combine(dir, "net.json");
        File.WriteAllText(path, net.ToJsonString());
        return path;
    }

    private static List<SensorEvent> Events()
    {
        var random = new Random(11);
        var t = 2_000_000L;
        return Enumerable.Range(0, 2000).Select(_ => new SensorEvent(t += random.Next(0, 120), (ushort)random.Next(34), (ushort)random.Next(34), random.Next(2) == 1)).ToList();
    }

    /// <summary>The channel by the format's formula, written out here: (p·H + (y − y0)/py)·W + (x − x0)/px, −1 outside the crop.</summary>
    private static int Channel(SensorEvent e, int x0, int y0, int x1, int y1, int px, int py, bool split)
    {
        if (e.X < x0 || e.X >= x1 || e.Y < y0 || e.Y >= y1) return -1;
        int w = (x1 - x0 + px - 1) / px, h = (y1 - y0 + py - 1) / py;
        return ((split && e.Polarity ? 1 : 0) * h + (e.Y - y0) / py) * w + (e.X - x0) / px;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stream_maps_pixels_as_the_sensor_object_says_and_an_option_overrides_one_field(bool overrideCrop)
    {
        var dir = HostRunner.TempDir();
        var events = Events();
        var recording = Path.Combine(dir, "events.estest");
        TestEventFormat.Write(recording, 34, 34, events);
        // crop [2, 4, 32, 34]: 30 × 30 pixels, pooled 3 across × 5 down → 10 × 6, polarities split: 120 channels.
        var net = Network(dir, """{"width": 34, "height": 34, "crop": [2, 4, 32, 34], "pool": [3, 5], "polarity": "split"}""", 120);
        var (x0, y0) = overrideCrop ? (0, 0) : (2, 4);
        var args = new List<string> { "stream", "--source", recording, "--network", net, "--input-layer", "input", "--out", Path.Combine(dir, "s"), "--no-plot" };
        if (overrideCrop) args.AddRange(["--crop", "0,0,30,30"]);
        var streamed = HostRunner.Run(args.ToArray());
        Assert.True(streamed.Code == 0, streamed.Err);
        Assert.Contains(overrideCrop ? "crop 0,0,30,30, pool 3x5" : "crop 2,4,30,30, pool 3x5", streamed.Err);

        var channels = events.Select(e => Channel(e, x0, y0, x0 + 30, y0 + 30, 3, 5, split: true)).ToArray();
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "s", "summary.json")));
        var root = summary.RootElement;
        Assert.Equal(events.Count, root.GetProperty("events_in").GetInt64());
        Assert.Equal(channels.Count(c => c < 0), root.GetProperty("events_outside_crop").GetInt64());
        Assert.InRange(channels.Count(c => c < 0), 100, 1000);
        var steps = root.GetProperty("steps").GetInt64();
        var dt = root.GetProperty("dt").GetDouble();

        // The same events mapped by the formula, as a TSEvent given to `run --input`: the same spikes byte for byte.
        var kept = Enumerable.Range(0, events.Count).Where(i => channels[i] >= 0).ToArray();
        var t0 = events[0].TimestampUs;
        var series = new TSEvent(kept.Select(i => SensorIngest.Seconds(events[i].TimestampUs - t0)).ToArray(), kept.Select(i => channels[i]).ToArray(),
            tStop: steps * dt, numChannels: 120);
        var npz = Path.Combine(dir, "events.npz");
        series.Save(npz);
        var ran = HostRunner.Run("run", net, "--input", $"input={npz}", "--duration", (steps * dt).ToString("R", CultureInfo.InvariantCulture),
            "--out", Path.Combine(dir, "r"), "--no-plot");
        Assert.True(ran.Code == 0, ran.Err);
        var a = File.ReadAllBytes(Path.Combine(dir, "s", "spikes.csv"));
        Assert.True(a.Length > 1000);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "r", "spikes.csv")), a);
    }

    [Theory]
    [InlineData("""{"height": 34}""", 578, "layers[0].sensor.width")]
    [InlineData("""{"width": 34, "height": 0}""", 578, "layers[0].sensor.height")]
    [InlineData("""{"width": 34, "height": 34, "crop": [0, 0, 40, 34]}""", 578, "layers[0].sensor.crop")]
    [InlineData("""{"width": 34, "height": 34, "crop": [4, 0, 4, 34]}""", 578, "layers[0].sensor.crop")]
    [InlineData("""{"width": 34, "height": 34, "crop": [0, 0, 34]}""", 578, "layers[0].sensor.crop")]
    [InlineData("""{"width": 34, "height": 34, "pool": [0, 2]}""", 578, "layers[0].sensor.pool")]
    [InlineData("""{"width": 34, "height": 34, "pool": "2"}""", 578, "layers[0].sensor.pool")]
    [InlineData("""{"width": 34, "height": 34, "pool": 2, "polarity": "both"}""", 578, "layers[0].sensor.polarity")]
    [InlineData("""{"width": 34, "height": 34, "pool": 2, "flip": true}""", 578, "layers[0].sensor.flip")]
    [InlineData("""{"width": 34, "height": 34, "pool": 3}""", 578, "layers[0].sensor: the sensor gives 12·12·2 = 288")]
    [InlineData("""[34, 34]""", 578, "layers[0].sensor")]
    public void A_bad_sensor_object_is_exit_2_naming_the_field(string sensor, int size, string named)
    {
        var dir = HostRunner.TempDir();
        var recording = Path.Combine(dir, "events.estest");
        TestEventFormat.Write(recording, 34, 34, Events().Take(10));
        var net = Network(dir, sensor, size);
        var (code, _, err) = HostRunner.Run("stream", "--source", recording, "--network", net, "--input-layer", "input", "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, code);
        Assert.Contains($"net.json: {named}", err);
        Assert.DoesNotContain("   at ", err);
        Assert.False(Directory.Exists(Path.Combine(dir, "o")));
    }

    [Fact]
    public void A_recording_of_another_size_than_the_network_s_sensor_is_refused_unless_sensor_is_given()
    {
        var dir = HostRunner.TempDir();
        var recording = Path.Combine(dir, "events.estest");
        TestEventFormat.Write(recording, 64, 48, Events());
        var net = Network(dir, """{"width": 34, "height": 34, "pool": [2, 2]}""", 578);
        var refused = HostRunner.Run("stream", "--source", recording, "--network", net, "--input-layer", "input", "--out", Path.Combine(dir, "o"), "--no-plot");
        Assert.Equal(2, refused.Code);
        Assert.Contains("layers[0].sensor: the network's sensor is 34x34 but", refused.Err);
        Assert.Contains("64x48", refused.Err);
        // --sensor overrides the network's size; its pool [2, 2] still applies: 64x48 pooled 2x2 is 2·32·24 channels, not 578.
        var overridden = HostRunner.Run("stream", "--source", recording, "--network", net, "--input-layer", "input", "--out", Path.Combine(dir, "o"),
            "--sensor", "64x48", "--crop", "0,0,34,34", "--no-plot");
        Assert.True(overridden.Code == 0, overridden.Err);
    }

    /// <summary>config/networks/dvxplorer.json's sensor object on the shared DVXplorer recording: its crop [40, 0, 280, 240] leaves out the columns beside it.</summary>
    [SkippableFact]
    public void The_dvxplorer_example_streams_the_shared_aedat4_recording_through_its_sensor_object()
    {
        var path = EventSpike.Tests.Common.SharedFiles.Find("data/sensors/sample.aedat4");
        Skip.If(path is null, "shared/data/sensors/sample.aedat4 is not present beside the repository: this real-recording test did not run");
        SensorFormats.RegisterAll();
        long count = 0, outside = 0;
        using (var reader = EventFiles.Open(path!))
        {
            var buffer = new SensorEvent[4096];
            for (int n; (n = reader.Read(buffer)) > 0;)
                foreach (var e in buffer.AsSpan(0, n))
                {
                    count++;
                    if (e.X < 40 || e.X >= 280) outside++;
                }
        }
        var dir = HostRunner.TempDir();
        var streamed = HostRunner.Run("stream", "--source", path!, "--network", HostRunner.Example("dvxplorer.json"), "--input-layer", "input",
            "--out", Path.Combine(dir, "s"), "--no-plot");
        Assert.True(streamed.Code == 0, streamed.Err);
        Assert.Contains("320x240 sensor, crop 40,0,240,240, pool 15, polarities split: 512 channels", streamed.Err);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "s", "summary.json")));
        Assert.Equal(count, summary.RootElement.GetProperty("events_in").GetInt64());
        Assert.Equal(outside, summary.RootElement.GetProperty("events_outside_crop").GetInt64());
        Assert.True(outside > 0 && count > 100_000);
    }
}
