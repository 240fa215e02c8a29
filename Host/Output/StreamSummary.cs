using System.Text.Json;
using EventSpike.Hardware.Streaming;

namespace EventSpike.Host.Output;

/// <summary>The fields a stream run adds to <c>summary.json</c> (CONTRACT: <c>events_in</c>, <c>events_dropped</c>, <c>latency_ms</c>), and what else the stream counted.</summary>
public static class StreamSummary
{
    /// <param name="interrupted">Stopped by Ctrl-C or SIGTERM (a socket's normal end): the outputs hold what came in until then.</param>
    public static void Write(Utf8JsonWriter w, string source, string policy, StreamStats stats, (double Mean, double Max)? sourceLag, bool interrupted)
    {
        w.WriteBoolean("interrupted", interrupted);
        w.WriteString("source", source);
        w.WriteString("policy", policy);
        w.WriteNumber("events_in", stats.EventsIn);
        w.WriteNumber("events_dropped", stats.EventsDropped);
        w.WriteNumber("events_outside_crop", stats.EventsOutside);
        w.WriteNumber("windows_shed", stats.WindowsShed);
        w.WriteStartObject("latency_ms");
        w.WriteNumber("p50", stats.Latency.P50);
        w.WriteNumber("p99", stats.Latency.P99);
        w.WriteNumber("max", stats.Latency.Max);
        w.WriteNumber("windows", stats.Latency.Windows);
        w.WriteEndObject();
        if (sourceLag is { } lag)
        {
            // How long windows waited between their events being in and every layer having computed them.
            w.WriteStartObject("source_lag_s");
            w.WriteNumber("mean", Math.Round(lag.Mean, 6));
            w.WriteNumber("max", Math.Round(lag.Max, 6));
            w.WriteEndObject();
        }
        w.WriteNumber("reconnects", stats.Reconnects);
        w.WriteNumber("datagrams_lost", stats.DatagramsLost);
        w.WriteNumber("frames_skipped", stats.FramesSkipped);
    }
}
