using EventSpike.Actors.Messages;
using EventSpike.Actors.Recording;
using EventSpike.Actors.Runtime;
using EventSpike.Gpu;
using EventSpike.Gpu.Resident;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>--device cuda|ilgpu-cpu</c> on <c>run</c> and <c>bench microcircuit</c>: the whole network resident on an accelerator
/// (<see cref="ResidentNetwork"/>: rings, spike propagation and drive on the device, only spikes copied down). What it
/// cannot take is exit 2 naming the layer or connection, before anything is written.
/// </summary>
public static class ResidentRun
{
    /// <summary>Checks that <paramref name="network"/> can run resident on <paramref name="device"/> and that the device exists.</summary>
    public static void Check(CompiledNetwork network, string device, string where)
    {
        if (!AcceleratorDevice.Kinds.Contains(device))
            throw new InputException($"{where}: unknown --device {device}; known: cpu, {string.Join(", ", AcceleratorDevice.Kinds)}");
        if (ResidentNetwork.Refusal(network) is { } refusal) throw new InputException($"{where}: --device {device}: {refusal}");
        try
        {
            using var opened = AcceleratorDevice.Open(device);
        }
        catch (InvalidOperationException e)
        {
            throw new InputException($"{where}: --device {device}: {e.Message}");
        }
    }

    /// <summary>Refuses the run options the resident path does not have (each names itself).</summary>
    public static void CheckOptions(ParsedArguments a)
    {
        foreach (var option in new[] { "seed-nodes", "checkpoint-every", "resume", "backend", "input", "shard-size" })
            if (a.Value(option) is not null || a.All(option).Count > 0)
                throw new InputException($"run: --device runs the whole network on one accelerator and does not take --{option}");
        if (a.Flag("realtime")) throw new InputException("run: --device does not take --realtime");
    }

    /// <summary>Runs the network resident on <paramref name="device"/> into <paramref name="sink"/>, as the actor runtime's result.</summary>
    public static Task<RunResult> RunAsync(CompiledNetwork network, ISpikeSink sink, string device, CancellationToken cancel) => Task.Run(() =>
    {
        using var opened = AcceleratorDevice.Open(device);
        var r = ResidentRunner.Run(network, opened, sink, cancel);
        var steps = network.Plan.FirstStep + r.Steps;
        if (r.Interrupted) return new RunResult(null, "interrupted", true, steps, r.WallSeconds);
        // One device computes every layer at once: its time is split evenly between them.
        var layers = network.Layers.Select(l => new LayerRunStats(l.Id, r.Spikes[l.Id], r.WallSeconds / network.Layers.Count, 0)
        {
            SynapticEvents = r.SynapticEvents[l.Id], NeuronUpdates = l.Size * r.Steps,
        }).ToList();
        return new RunResult(new RunCompleted(steps, network.Plan.WindowCount, layers), null, false, steps, r.WallSeconds);
    });
}
