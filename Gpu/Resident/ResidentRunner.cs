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

    /// <summary>Runs <paramref name="network"/> on <paramref name="device"/>; returns the spikes per layer, the wall seconds of the run (upload excluded) and of the upload.</summary>
    public static (long[] Spikes, double WallSeconds, double UploadSeconds) Run(CompiledNetwork network, AcceleratorDevice device, ISpikeSink? sink = null)
    {
        var plan = network.Plan;
        var total = plan.TotalSteps - plan.FirstStep;
        var neurons = Math.Max(1, network.Layers.Sum(l => l.Size));
        var window = (int)Math.Clamp(Math.Min(total, ListCapacity / neurons), 1, 10_000);
        var upload = Stopwatch.StartNew();
        using var resident = new ResidentNetwork(network, device, window);
        var uploadSeconds = upload.Elapsed.TotalSeconds;
        var spikes = new long[network.Layers.Count];
        var starts = resident.LayerStarts;
        var recorded = network.Layers.Select(l => l.Recorded).ToArray();
        void OnStep(long step, ReadOnlySpan<int> list)
        {
            var at = 0;
            for (var layer = 0; layer < starts.Count && at < list.Length; layer++)
            {
                var end = layer + 1 < starts.Count ? starts[layer + 1] : int.MaxValue;
                var from = at;
                while (at < list.Length && list[at] < end) at++;
                spikes[layer] += at - from;
                if (at == from || sink is null || !recorded[layer]) continue;
                var local = list[from..at].ToArray();
                for (var i = 0; i < local.Length; i++) local[i] -= starts[layer];
                sink.Write(step, layer, local);
            }
        }
        var clock = Stopwatch.StartNew();
        for (var done = 0L; done < total; done += window) resident.Evolve((int)Math.Min(window, total - done), OnStep);
        var wall = clock.Elapsed.TotalSeconds;
        resident.Download();
        sink?.Complete();
        return (spikes, wall, uploadSeconds);
    }
}
