using EventSpike.Hardware.Sensors;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>inspect</c> of an event-sensor recording (any format <see cref="EventFiles"/> recognises): format,
/// resolution, polarity-event count, first and last time, ON/OFF counts, x/y ranges, mean rate and the reader's
/// notes (address mapping, skipped streams). CONTRACT.md "inspect --json" names the fields. A malformed file is
/// bad input (exit 2) naming the file and byte offset.
/// </summary>
internal static class InspectRecording
{
    /// <summary>Whether a registered format recognises <paramref name="path"/> from its first bytes and name.</summary>
    public static bool Recognises(string path) => EventFiles.Recognises(path);

    public static Dictionary<string, object?> File(string path)
    {
        try
        {
            using var reader = EventFiles.Open(path);
            return Describe(reader);
        }
        catch (SensorFormatException e)
        {
            throw new InputException(e.Message);
        }
    }

    private static Dictionary<string, object?> Describe(IEventReader reader)
    {
        var buffer = new SensorEvent[1 << 14];
        long events = 0, on = 0;
        long? first = null, last = null;
        int xMin = int.MaxValue, xMax = -1, yMin = int.MaxValue, yMax = -1;
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            first ??= buffer[0].TimestampUs;
            foreach (ref readonly var e in buffer.AsSpan(0, n))
            {
                if (e.Polarity) on++;
                if (e.X < xMin) xMin = e.X;
                if (e.X > xMax) xMax = e.X;
                if (e.Y < yMin) yMin = e.Y;
                if (e.Y > yMax) yMax = e.Y;
            }
            events += n;
            last = buffer[n - 1].TimestampUs;
        }
        var info = reader.Info;
        var span = last - first;
        return new Dictionary<string, object?>
        {
            ["kind"] = "recording",
            ["format"] = info.Format,
            ["width"] = info.Width,
            ["height"] = info.Height,
            ["events"] = events,
            ["t_first_us"] = first,
            ["t_last_us"] = last,
            ["duration_s"] = span is { } d ? d / 1e6 : null,
            ["rate_ev_per_s"] = span is > 0 ? Math.Round(events / (span.Value / 1e6)) : null,
            ["on"] = on,
            ["off"] = events - on,
            ["x_range"] = events > 0 ? new[] { xMin, xMax } : null,
            ["y_range"] = events > 0 ? new[] { yMin, yMax } : null,
            ["notes"] = info.Notes,
        };
    }
}
