using System.Text.Json;
using EventSpike.Actors.Runtime;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Output;

/// <summary>Writes <c>summary.json</c>: the contract's fields, then where the time went per layer.</summary>
public static class RunSummary
{
    public static void Write(string path, CompiledNetwork network, RunResult result, double buildSeconds, int threads,
        IReadOnlyList<string>? nodes = null, IReadOnlyDictionary<int, string>? placement = null, IReadOnlyList<string>? lost = null,
        IReadOnlyList<Actors.Cluster.TrafficReport>? traffic = null, long? synapses = null, Action<Utf8JsonWriter>? extra = null)
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
            w.WriteNumber(SpeedFigure.JsonField, Math.Round(SpeedFigure.Of(duration, result.WallSeconds), 6));
            w.WriteNumber("neurons", network.Layers.Sum(l => (long)l.Size));
            w.WriteNumber("synapses", synapses ?? network.SynapseCount);
            w.WriteNumber("total_spikes", completed.Layers.Sum(l => l.Spikes));
            if (nodes is not null && placement is not null)
            {
                w.WriteStartArray("nodes");
                foreach (var node in nodes)
                {
                    w.WriteStartObject();
                    w.WriteString("address", node);
                    var hosted = network.Layers.Where(l => placement.TryGetValue(l.Id, out var n) && n == node).ToList();
                    w.WriteStartArray("layers");
                    foreach (var l in hosted) w.WriteStringValue(l.Name);
                    w.WriteEndArray();
                    w.WriteNumber("compute_s", Math.Round(hosted.Sum(l => completed.Layers[l.Id].ComputeSeconds), 6));
                    w.WriteNumber("wait_s", Math.Round(hosted.Sum(l => completed.Layers[l.Id].WaitSeconds), 6));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                // Traffic between nodes, as the nodes' outboxes measured it: window outputs travel in one
                // message per bundle (the layers of a node that share a destination) and window; payload
                // bytes packed (MessagePack + LZ4) and unpacked. The layers' reports to the scheduler ride in
                // the bundles to the coordinator; control messages are the scheduler's grants, one message
                // for all the layers of a node it grants windows to at once.
                w.WriteStartArray("traffic");
                var pairs = new SortedDictionary<(string From, string To), (long Messages, long Bytes, long Raw, long Batches, long Control)>();
                foreach (var report in traffic ?? [])
                    foreach (var e in report.Sent)
                    {
                        pairs.TryGetValue((report.Node, e.To), out var v);
                        pairs[(report.Node, e.To)] = (v.Messages + e.Messages, v.Bytes + e.Bytes, v.Raw + e.RawBytes, v.Batches + e.Batches, v.Control);
                    }
                foreach (var (node, grants) in completed.GrantMessages)
                {
                    pairs.TryGetValue(("coordinator", node), out var v);
                    pairs[("coordinator", node)] = v with { Control = v.Control + grants };
                }
                foreach (var ((from, to), v) in pairs)
                {
                    w.WriteStartObject();
                    w.WriteString("from", from);
                    w.WriteString("to", to);
                    w.WriteNumber("messages", v.Messages);
                    w.WriteNumber("bytes", v.Bytes);
                    w.WriteNumber("raw_bytes", v.Raw);
                    w.WriteNumber("batches", v.Batches);
                    w.WriteNumber("control_messages", v.Control);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                if (lost is { Count: > 0 })
                {
                    w.WriteStartArray("lost_nodes");
                    foreach (var node in lost) w.WriteStringValue(node);
                    w.WriteEndArray();
                }
                w.WriteNumber("window_round_trip_ms", Math.Round(result.WallSeconds / Math.Max(1, completed.Windows) * 1000, 3));
            }
            if (completed.RealtimeLag is { } lag)
            {
                w.WriteStartObject("realtime_lag_s");
                w.WriteNumber("mean", Math.Round(lag.Mean, 6));
                w.WriteNumber("max", Math.Round(lag.Max, 6));
                w.WriteEndObject();
            }
            extra?.Invoke(w);
            // The file's layers; a sharded layer sums its shards and lists them.
            w.WriteStartArray("layers");
            foreach (var layer in network.FileLayers)
            {
                var shards = network.ShardsOf(layer.Id);
                var stats = shards.Select(l => completed.Layers[l.Id]).ToList();
                var spikes = stats.Sum(x => x.Spikes);
                w.WriteStartObject();
                w.WriteString("name", layer.Name);
                w.WriteString("type", layer.Model.ClassName);
                w.WriteNumber("size", layer.Size);
                w.WriteNumber("spikes", spikes);
                w.WriteNumber("mean_rate_hz", duration > 0 ? Math.Round(spikes / (layer.Size * duration), 6) : 0);
                w.WriteBoolean("recorded", layer.Recorded);
                if (shards.Count == 1 && placement is not null && placement.TryGetValue(shards[0].Id, out var node)) w.WriteString("node", node);
                w.WriteNumber("compute_s", Math.Round(stats.Sum(x => x.ComputeSeconds), 6));
                w.WriteNumber("wait_s", Math.Round(stats.Sum(x => x.WaitSeconds), 6));
                w.WriteNumber("max_queued_batches", stats.Max(x => x.MaxQueued));
                w.WriteNumber("synaptic_events", stats.Sum(x => x.SynapticEvents));
                w.WriteNumber("neuron_updates", stats.Sum(x => x.NeuronUpdates));
                if (shards.Count > 1)
                {
                    w.WriteStartArray("shards");
                    foreach (var shard in shards)
                    {
                        var st = completed.Layers[shard.Id];
                        w.WriteStartObject();
                        w.WriteNumber("first", shard.Offset);
                        w.WriteNumber("size", shard.Size);
                        w.WriteNumber("spikes", st.Spikes);
                        if (placement is not null && placement.TryGetValue(shard.Id, out var at)) w.WriteString("node", at);
                        w.WriteNumber("compute_s", Math.Round(st.ComputeSeconds, 6));
                        w.WriteNumber("wait_s", Math.Round(st.WaitSeconds, 6));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
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
