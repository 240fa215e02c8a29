using System.Diagnostics;
using EventSpike.Actors.Recording;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// Runs a compiled network with the same engines and the same window plan as the actor runtime,
/// but in one plain loop on the calling thread: window by window, each layer after the layers it
/// needs. It gives the same spikes as <see cref="LocalRunner"/> and is the yardstick for what the
/// actors cost (bench <c>--plain</c>).
/// </summary>
public static class PlainLoopRunner
{
    public static (long[] Spikes, double WallSeconds) Run(CompiledNetwork network, ISpikeSink? sink = null, KernelPool? pool = null)
    {
        var plan = network.Plan;
        if (sink is not null) sink = FileLayerSink.For(sink, network);
        var engines = network.Layers.Select(l => network.CreateEngine(l.Id, pool: pool)).ToArray();
        var order = EvaluationOrder(network);
        var inputs = network.Layers.Select(l => LayerInput.Of(network, l.Id)).ToArray();
        var spikes = new long[network.Layers.Count];
        var builders = network.Layers.Select(_ => new SpikeWindowBuilder()).ToArray();
        var samples = network.Layers.Select(_ => new ContinuousWindowBuilder()).ToArray();
        var history = network.Layers.Select(_ => new List<object?>()).ToArray();
        var kept = OldestNeeded(network, inputs);
        var recorded = network.Layers.Where(l => l.Recorded).Select(l => l.Id).ToArray();
        var clock = Stopwatch.StartNew();
        for (long w = 0; w < plan.WindowCount; w++)
        {
            foreach (var layer in order)
            {
                foreach (var c in inputs[layer])
                {
                    var required = plan.RequiredSenderWindow(w, c.DelaySteps);
                    var previous = w == 0 ? -1 : plan.RequiredSenderWindow(w - 1, c.DelaySteps);
                    for (var v = previous + 1; v <= required; v++)
                        switch (history[c.SourceLayer][(int)v])
                        {
                            case SpikeBatch b: engines[layer].Deliver(c.Projection, b.StartStep, b.StepPtr, b.Neurons, c.RowOffset); break;
                            case ContinuousBatch s: engines[layer].DeliverSamples(c.Projection, s.StartStep, s.Channels, s.Samples); break;
                        }
                }
                engines[layer].Evolve(plan.StepsIn(w), builders[layer], samples[layer]);
                object batch = network.Layers[layer].Model.OutputKind == Neurons.Models.SignalKind.Continuous
                    ? new ContinuousBatch(layer, plan.StartOf(w), plan.StepsIn(w), samples[layer].Channels, samples[layer].ToSamples())
                    : new SpikeBatch(layer, plan.StartOf(w), plan.StepsIn(w), builders[layer].ToStepPointers(), builders[layer].ToNeurons());
                history[layer].Add(batch);
                if (batch is SpikeBatch sb) spikes[layer] += sb.Count;
            }
            if (sink is not null) Record(sink, recorded.Select(l => history[l][(int)w]!).ToArray());
            Forget(history, kept, plan, w);
        }
        sink?.Complete();
        return (spikes, clock.Elapsed.TotalSeconds);
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
