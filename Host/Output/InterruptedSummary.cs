using System.Text.Json;
using EventSpike.Actors.Runtime;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Output;

/// <summary>
/// <c>summary.json</c> of a run stopped by Ctrl-C or SIGTERM: marked <c>"interrupted": true</c>, with the simulated time
/// every recorded layer finished (<c>duration_s</c>, the prefix the outputs hold), the wall time, and each recorded
/// layer's spikes and rate in that prefix, counted from the recording. Per-layer timings of a finished run are not known.
/// </summary>
public static class InterruptedSummary
{
    public static void Write(string path, CompiledNetwork network, RecordingSink sink, RunResult result, double buildSeconds)
    {
        var duration = result.StepsReached * network.Dt;
        var spikes = sink.SpikeCounts();
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("network", network.Name);
            w.WriteBoolean("interrupted", true);
            w.WriteNumber("dt", network.Dt);
            w.WriteNumber("duration_s", duration);
            w.WriteNumber("planned_duration_s", network.Plan.TotalSteps * network.Dt);
            w.WriteNumber("seed", network.Seed);
            w.WriteNumber("wall_s", Math.Round(result.WallSeconds, 6));
            w.WriteNumber("build_s", Math.Round(buildSeconds, 6));
            w.WriteNumber("total_spikes", spikes.Sum(s => s.Spikes));
            w.WriteStartArray("layers");
            foreach (var (name, size, count) in spikes)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteNumber("size", size);
                w.WriteNumber("spikes", count);
                w.WriteNumber("mean_rate_hz", duration > 0 ? Math.Round(count / (size * duration), 6) : 0);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("note", result.Failure);
            w.WriteEndObject();
        });
    }
}
