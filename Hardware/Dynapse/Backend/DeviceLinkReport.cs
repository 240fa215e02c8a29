using System.Text.Json;
using EventSpike.Routing.Network;

namespace EventSpike.Hardware.Dynapse.Backend;

/// <summary>
/// The <c>device_links</c> entry of summary.json: per layer on a board, the device, windows, round-trip
/// latency p50/p99 (ms, HdrHistogram) and events per second through the link (input + output events ÷
/// time spent in round trips).
/// </summary>
public static class DeviceLinkReport
{
    public static void Write(Utf8JsonWriter w, CompiledNetwork network)
    {
        var links = DynapseBackendProvider.LinksOf(network);
        if (links.Count == 0) return;
        w.WriteStartArray("device_links");
        foreach (var (layer, link) in links)
        {
            var s = link.Stats;
            w.WriteStartObject();
            w.WriteString("layer", layer);
            w.WriteString("device", link.Name);
            w.WriteNumber("windows", s.Windows);
            w.WriteNumber("input_events", s.InputEvents);
            w.WriteNumber("output_events", s.OutputEvents);
            w.WriteNumber("round_trip_p50_ms", Math.Round(s.RoundTripMs(50), 4));
            w.WriteNumber("round_trip_p99_ms", Math.Round(s.RoundTripMs(99), 4));
            w.WriteNumber("events_per_s", Math.Round(s.EventsPerSecond, 1));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
