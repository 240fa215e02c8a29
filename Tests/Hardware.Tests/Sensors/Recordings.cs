using Xunit;
using EventSpike.Hardware.Sensors;
using EventSpike.Tests.Common;

namespace EventSpike.Hardware.Tests.Sensors;

/// <summary>What a whole read of a recording gave: counts, ranges, order, first and last events.</summary>
public sealed record RecordingSummary(SensorInfo Info, long Count, long TFirst, long TLast, int XMin, int XMax, int YMin, int YMax,
    long On, long Off, bool Monotonic, IReadOnlyList<SensorEvent> First, SensorEvent Last);

/// <summary>Finds the shared real recordings (shared/data/sensors, never copied into the repository) and reads them whole.</summary>
public static class Recordings
{
    static Recordings() => SensorFormats.RegisterAll();

    /// <summary>The path of a shared recording; skips the test, saying so, when shared/ is absent.</summary>
    public static string Path(string name)
    {
        var path = SharedFiles.Find("data/sensors/" + name);
        Skip.If(path is null, $"shared/data/sensors/{name} is not present beside the repository: this real-recording test did not run");
        return path!;
    }

    public static RecordingSummary Read(string path, int chunk = 4096)
    {
        using var reader = EventFiles.Open(path);
        return Summarise(reader, chunk);
    }

    public static RecordingSummary Summarise(IEventReader reader, int chunk)
    {
        var buffer = new SensorEvent[chunk];
        long count = 0, on = 0;
        long tFirst = 0, tPrev = long.MinValue;
        int xMin = int.MaxValue, xMax = -1, yMin = int.MaxValue, yMax = -1;
        var monotonic = true;
        var first = new List<SensorEvent>();
        SensorEvent last = default;
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            foreach (var e in buffer.AsSpan(0, n))
            {
                if (count == 0) tFirst = e.TimestampUs;
                if (first.Count < 3) first.Add(e);
                if (e.TimestampUs < tPrev) monotonic = false;
                tPrev = e.TimestampUs;
                (xMin, xMax, yMin, yMax) = (Math.Min(xMin, e.X), Math.Max(xMax, e.X), Math.Min(yMin, e.Y), Math.Max(yMax, e.Y));
                if (e.Polarity) on++;
                count++;
                last = e;
            }
        }
        return new RecordingSummary(reader.Info, count, tFirst, tPrev, xMin, xMax, yMin, yMax, on, count - on, monotonic, first, last);
    }
}
