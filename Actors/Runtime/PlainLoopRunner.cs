using System.Diagnostics;
using EventSpike.Actors.Hosting;
using EventSpike.Actors.Recording;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// Runs a compiled network with the same backends (built by the same <see cref="LayerFactory"/>) and
/// the same window plan as the actor runtime, but in one plain loop on the calling thread: window by
/// window, each layer after the layers it needs. It gives the same spikes as <see cref="LocalRunner"/>
/// and is the yardstick for what the actors cost (bench <c>--plain</c>). Its backends must compute in
/// place (a backend that computes elsewhere is waited for).
/// </summary>
public static class PlainLoopRunner
{
    /// <summary>
    /// Runs the network; <paramref name="counts"/>, when given (one per layer), receives what each backend counted.
    /// With a pool of several workers and layers that need nothing of each other within a window (every connection
    /// between two layers at least a window long) whose sizes balance over the workers (<see cref="LayerParallelism"/>),
    /// the layers of a window run side by side: one region of the pool per window, a partition per group of layers
    /// (<see cref="LayerParallelism.Groups"/>), each worker taking its own group every window, and no layer split.
    /// Otherwise the layers run one after another, each split over the pool where it is large enough. Either way a layer computes what it would alone: the same spikes.
    /// </summary>
    public static (long[] Spikes, double WallSeconds) Run(CompiledNetwork network, ISpikeSink? sink = null, KernelPool? pool = null,
        string? backend = null, WindowCounts[]? counts = null)
    {
        var plan = network.Plan;
        if (sink is not null) sink = FileLayerSink.For(sink, network);
        var sideBySide = pool is not null && LayerParallelism.SideBySide(network, pool.Workers);
        var factory = new LayerFactory(network, backend, sideBySide ? null : pool);
        factory.Validate();
        var backends = network.Layers.Select(l => factory.Create(l.Id)).ToArray();
        var order = EvaluationOrder(network);
        var groups = sideBySide ? LayerParallelism.Groups(network, pool!.Workers) : [];
        var taken = new int[groups.Length];
        var inputs = network.Layers.Select(l => LayerInput.Of(network, l.Id)).ToArray();
        var spikes = new long[network.Layers.Count];
        var history = network.Layers.Select(_ => new List<object?>()).ToArray();
        var outputs = new object?[network.Layers.Count];
        var kept = OldestNeeded(network, inputs);
        var recorded = network.Layers.Where(l => l.Recorded).Select(l => l.Id).ToArray();
        var clock = Stopwatch.StartNew();
        for (long w = 0; w < plan.WindowCount; w++)
        {
            var window = w;
            void Step(int layer) => outputs[layer] = StepLayer(backends[layer], inputs[layer], history, plan, window, layer, counts);
            if (sideBySide)
            {
                Array.Clear(taken);
                pool!.Run(groups.Length, _ =>
                {
                    foreach (var layer in groups[KernelPool.TakeOwn(taken)]) Step(layer);
                });
            }
            foreach (var layer in order)
            {
                // One after another, each sees the windows its zero-delay senders just computed.
                if (!sideBySide) Step(layer);
                history[layer].Add(outputs[layer]);
                if (outputs[layer] is SpikeBatch sb) spikes[layer] += sb.Count;
            }
            if (sink is not null) Record(sink, recorded.Select(l => history[l][(int)w]!).ToArray());
            Forget(history, kept, plan, w);
        }
        sink?.Complete();
        foreach (var b in backends) b.Dispose();
        return (spikes, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Delivers the sender windows <paramref name="layer"/> needs for window <paramref name="w"/> and computes it.</summary>
    private static object? StepLayer(IWindowBackend backend, IReadOnlyList<LayerInput> inputs, List<object?>[] history, WindowPlan plan, long w,
        int layer, WindowCounts[]? counts)
    {
        foreach (var c in inputs)
        {
            var required = plan.RequiredSenderWindow(w, c.DelaySteps);
            var previous = w == 0 ? -1 : plan.RequiredSenderWindow(w - 1, c.DelaySteps);
            for (var v = previous + 1; v <= required; v++)
                switch (history[c.SourceLayer][(int)v])
                {
                    case SpikeBatch b: backend.Deliver(c, b); break;
                    case ContinuousBatch s: backend.Deliver(c, s); break;
                }
        }
        var computed = backend.ComputeAsync(layer, plan.StartOf(w), plan.StepsIn(w)).AsTask().GetAwaiter().GetResult();
        if (counts is not null) counts[layer] += computed.Counts;
        return computed.Output;
    }

    /// <summary>
    /// Hands one window of the recorded layers (in layer order) to the sink as the recorder does:
    /// first each continuous layer's samples, then the spikes step by step, layer by layer.
    /// </summary>
    private static void Record(ISpikeSink sink, object[] batches)
    {
        foreach (var c in batches.OfType<ContinuousBatch>()) sink.WriteSamples(c.SourceLayer, c.StartStep, c.Channels, c.Samples);
        var spikes = batches.OfType<SpikeBatch>().ToArray();
        if (spikes.Length == 0) return;
        for (var offset = 0; offset < spikes[0].Steps; offset++)
            foreach (var b in spikes)
                if (b.At(offset).Length > 0) sink.Write(b.StartStep + offset, b.SourceLayer, b.At(offset));
    }

    /// <summary>
    /// Per layer, the longest delay over which some layer reads it (−1: none does), which is what
    /// says how far back its windows are still needed; <see cref="Forget"/> keeps it up to date as
    /// the first window still held.
    /// </summary>
    private sealed class Kept(int[] longestDelay)
    {
        public int[] LongestDelay { get; } = longestDelay;
        public long[] FirstHeld { get; } = new long[longestDelay.Length];
    }

    private static Kept OldestNeeded(CompiledNetwork network, IReadOnlyList<LayerInput>[] inputs)
    {
        var longest = Enumerable.Repeat(-1, network.Layers.Count).ToArray();
        foreach (var c in inputs.SelectMany(i => i)) longest[c.SourceLayer] = Math.Max(longest[c.SourceLayer], c.DelaySteps);
        return new Kept(longest);
    }

    /// <summary>
    /// After window <paramref name="w"/>, drops the windows no later window can need: a later window u
    /// reads a sender's windows after <c>RequiredSenderWindow(u − 1, delay)</c>, which is at least
    /// <c>RequiredSenderWindow(w, longest delay)</c>; a layer no one reads keeps nothing.
    /// </summary>
    private static void Forget(List<object?>[] history, Kept kept, WindowPlan plan, long w)
    {
        for (var layer = 0; layer < history.Length; layer++)
        {
            var delay = kept.LongestDelay[layer];
            var firstNeeded = delay < 0 ? w + 1 : plan.RequiredSenderWindow(w, delay) + 1;
            for (var v = kept.FirstHeld[layer]; v < firstNeeded; v++) history[layer][(int)v] = null;
            kept.FirstHeld[layer] = Math.Max(kept.FirstHeld[layer], firstNeeded);
        }
    }

    /// <summary>Layers in an order where every zero-delay (shorter than a window) sender comes before its receivers.</summary>
    private static List<int> EvaluationOrder(CompiledNetwork network)
    {
        var w = network.Plan.WindowSteps;
        var order = new List<int>();
        var placed = new HashSet<int>();
        while (order.Count < network.Layers.Count)
        {
            var progress = false;
            foreach (var layer in network.Layers.Select(l => l.Id).Where(l => !placed.Contains(l)))
            {
                var needs = network.IncomingOf(layer).Where(c => !c.Recurrent && c.DelaySteps < w).Select(c => c.From);
                if (!needs.All(placed.Contains)) continue;
                order.Add(layer);
                placed.Add(layer);
                progress = true;
            }
            if (!progress) throw new InvalidOperationException("no evaluation order: a cycle shorter than a window");
        }
        return order;
    }
}
