using System.Text.Json;
using EventSpike.Routing.Network;

namespace EventSpike.Hardware.Dynapse.Backend;

/// <summary>
/// The <c>device_links</c> entry of summary.json: per layer on a board, the device, windows, round-trip
/// latency p50/p99 (ms, HdrHistogram) and events per second through the link (input + output events ÷
/// time spent in round trips); and <c>device_quantisation</c>, the per-core weight-discretisation error of
/// RecDynapSE layers given real weights with max_num_connections.
/// </summary>
public static class DeviceLinkReport
{
    public static void Write(Utf8JsonWriter w, CompiledNetwork network)
    {
        WriteQuantisation(w, network);
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

    /// <summary><c>device_quantisation</c>: per RecDynapSE layer with max_num_connections, the per-core discretisation error (<see cref="CoreQuantisation"/>).</summary>
    private static void WriteQuantisation(Utf8JsonWriter w, CompiledNetwork network)
    {
        var rows = network.Layers.SelectMany(l => l.Model is Layers.RecDynapSE r ? r.Quantisation.Select(q => (l.Name, q)) : []).ToList();
        if (rows.Count == 0) return;
        w.WriteStartArray("device_quantisation");
        foreach (var (layer, q) in rows)
        {
            w.WriteStartObject();
            w.WriteString("layer", layer);
            w.WriteString("matrix", q.Matrix);
            w.WriteNumber("core", q.Core);
            w.WriteNumber("entries", q.Entries);
            w.WriteNumber("rms_relative", Math.Round(q.RmsRelative, 6));
            w.WriteNumber("max_abs", q.MaxAbs);
            w.WriteNumber("max_relative", Math.Round(q.MaxRelative, 6));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
