using System.Diagnostics;
using System.Text.Json;
using EventSpike.Hardware.Sensors;
using EventSpike.Host.Cli;

namespace EventSpike.Host.Bench;

/// <summary>
/// <c>eventspike bench decode RECORDING [--repeat N]</c>: decodes the whole recording N times (default 5, after
/// one untimed pass that warms the JIT and the page cache) on the calling thread, one core, in chunks of 64 Ki
/// events, and prints one JSON line: events, wall time and events per second.
/// </summary>
internal static class DecodeBench
{
    public static int Execute(ParsedArguments a, TextWriter stdout, TextWriter stderr)
    {
        if (a.Positional.Count != 2) throw new InputException("usage: eventspike bench decode RECORDING [--repeat N]");
        var path = a.Positional[1];
        if (!File.Exists(path)) throw new InputException($"{path}: file not found");
        var repeat = (int)(a.Integer("repeat", 1) ?? 5);
        var buffer = new SensorEvent[1 << 16];
        try
        {
            var (events, format) = Pass(path, buffer);
            stderr.WriteLine($"bench decode: {path}: {format}, {events} events; decoding {repeat} times ...");
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < repeat; i++) Pass(path, buffer);
            var wall = clock.Elapsed.TotalSeconds;
            var bytes = new FileInfo(path).Length;
            stdout.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["bench"] = "decode",
                ["file"] = Path.GetFileName(path),
                ["format"] = format,
                ["events"] = events,
                ["repeat"] = repeat,
                ["wall_s"] = Math.Round(wall, 4),
                ["events_per_s"] = Math.Round(events * (double)repeat / wall),
                ["mb_per_s"] = Math.Round(bytes * (double)repeat / wall / 1e6, 1),
                ["threads"] = 1,
                ["device"] = "cpu",
            }));
            return ExitCodes.Done;
        }
        catch (SensorFormatException e)
        {
            throw new InputException(e.Message);
        }
    }

    private static (long Events, string Format) Pass(string path, SensorEvent[] buffer)
    {
        using var reader = EventFiles.Open(path);
        long events = 0;
        int n;
        while ((n = reader.Read(buffer)) > 0) events += n;
        return (events, reader.Info.Format);
    }
}
