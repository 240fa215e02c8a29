using System.Diagnostics;
using EventSpike.Actors.Recording;
using EventSpike.Routing.Network;

namespace EventSpike.Gpu.Resident;

/// <summary>
/// Runs a whole compiled network of iaf_psc_exp layers on a device (<see cref="ResidentNetwork"/>) from its plan's
/// first step to its last, handing the recorded layers' spikes to a sink as the actor runtime's recorder does:
/// step by step, layer by layer, neurons ascending. Windows are as long as the spike list allows (the network's
/// own window plan, one step for PD14, does not bind a network that never leaves the device).
/// </summary>
public static class ResidentRunner
{
    /// <summary>Spike-list entries one window may hold (steps × neurons), 64 MB of ints.</summary>
    public const int ListCapacity = 16 << 20;

    /// <summary>Runs <paramref name="network"/> on <paramref name="device"/> (its models then hold the final state); stops between windows when cancelled.</summary>
    public static ResidentRunResult Run(CompiledNetwork network, AcceleratorDevice device, ISpikeSink? sink = null, CancellationToken cancel = default)
    {
        var plan = network.Plan;
        var total = plan.TotalSteps - plan.FirstStep;
        var neurons = Math.Max(1, network.Layers.Sum(l => l.Size));
        var window = (int)Math.Clamp(Math.Min(total, ListCapacity / neurons), 1, 10_000);
        var upload = Stopwatch.StartNew();
        using var resident = new ResidentNetwork(network, device, window);
        var uploadSeconds = upload.Elapsed.TotalSeconds;
        var spikes = new long[network.Layers.Count];
        var events = new long[network.Layers.Count];
        var starts = resident.LayerStarts;
        var recorded = network.Layers.Select(l => l.Recorded).ToArray();
        var outgoing = network.Layers.Select(l => network.Connections.Where(c => c.From == l.Id).ToArray()).ToArray();
        void OnStep(long step, ReadOnlySpan<int> list)
        {
            var at = 0;
            for (var layer = 0; layer < starts.Count && at < list.Length; layer++)
            {
                var end = layer + 1 < starts.Count ? starts[layer + 1] : int.MaxValue;
                var from = at;
                while (at < list.Length && list[at] < end) at++;
                spikes[layer] += at - from;
                if (at == from) continue;
                var local = list[from..at].ToArray();
                for (var i = 0; i < local.Length; i++) local[i] -= starts[layer];
                foreach (var c in outgoing[layer])
                    foreach (var n in local) events[c.To] += c.Synapses.RowStart[n + 1] - c.Synapses.RowStart[n];
                if (sink is not null && recorded[layer]) sink.Write(step, layer, local);
            }
        }
        var clock = Stopwatch.StartNew();
        var done = 0L;
        while (done < total && !cancel.IsCancellationRequested)
        {
            var steps = (int)Math.Min(window, total - done);
            resident.Evolve(steps, OnStep);
            done += steps;
        }
        var wall = clock.Elapsed.TotalSeconds;
        resident.Download();
        sink?.Complete();
        return new ResidentRunResult(done, spikes, events, wall, uploadSeconds) { Interrupted = done < total };
    }
}
