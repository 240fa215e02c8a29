using System.Text.Json;
using EventSpike.Actors.Runtime;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Output;

/// <summary>Writes <c>summary.json</c>: the contract's fields, then where the time went per layer.</summary>
public static class RunSummary
{
    public static void Write(string path, CompiledNetwork network, RunResult result, double buildSeconds, int threads,
        IReadOnlyList<string>? nodes = null, IReadOnlyDictionary<int, string>? placement = null)
    {
        var completed = result.Completed!;
        var duration = completed.Steps * network.Dt;
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("network", network.Name);
            w.WriteNumber("dt", network.Dt);
            w.WriteNumber("duration_s", duration);
            w.WriteNumber("seed", network.Seed);
            w.WriteNumber("wall_s", Math.Round(result.WallSeconds, 6));
            w.WriteNumber("build_s", Math.Round(buildSeconds, 6));
            w.WriteNumber("steps", completed.Steps);
            w.WriteNumber("window_steps", network.Plan.WindowSteps);
            w.WriteNumber("windows", completed.Windows);
            w.WriteNumber("threads", threads);
            w.WriteNumber("realtime_factor", duration > 0 ? Math.Round(result.WallSeconds / duration, 6) : 0);
            w.WriteNumber("neurons", network.Layers.Sum(l => (long)l.Size));
            w.WriteNumber("synapses", network.SynapseCount);
            w.WriteNumber("total_spikes", completed.Layers.Sum(l => l.Spikes));
            if (nodes is not null)
            {
                w.WriteStartArray("nodes");
                foreach (var node in nodes) w.WriteStringValue(node);
                w.WriteEndArray();
            }
            if (completed.RealtimeLag is { } lag)
            {
                w.WriteStartObject("realtime_lag_s");
                w.WriteNumber("mean", Math.Round(lag.Mean, 6));
                w.WriteNumber("max", Math.Round(lag.Max, 6));
                w.WriteEndObject();
            }
            w.WriteStartArray("layers");
            foreach (var layer in network.Layers)
            {
                var stats = completed.Layers[layer.Id];
                w.WriteStartObject();
                w.WriteString("name", layer.Name);
                w.WriteString("type", layer.Model.ClassName);
                w.WriteNumber("size", layer.Size);
                w.WriteNumber("spikes", stats.Spikes);
                w.WriteNumber("mean_rate_hz", duration > 0 ? Math.Round(stats.Spikes / (layer.Size * duration), 6) : 0);
                w.WriteBoolean("recorded", layer.Recorded);
                if (placement is not null && placement.TryGetValue(layer.Id, out var node)) w.WriteString("node", node);
                w.WriteNumber("compute_s", Math.Round(stats.ComputeSeconds, 6));
                w.WriteNumber("wait_s", Math.Round(stats.WaitSeconds, 6));
                w.WriteNumber("max_queued_batches", stats.MaxQueued);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (var warning in network.Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
