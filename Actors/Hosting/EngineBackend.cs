using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Hosting;

/// <summary>
/// The plain-loop backend: a <see cref="LayerEngine"/> (a model and its incoming projections) computed in
/// place on the calling thread, so its task is always complete when returned. It counts the synaptic
/// events it delivers (a spike or a non-zero sample through each synapse of its row, recurrent rows
/// included) and the neuron updates it makes.
/// </summary>
public sealed class EngineBackend(LayerEngine engine) : IWindowBackend
{
    private readonly SpikeWindowBuilder _spikes = new();
    private readonly ContinuousWindowBuilder _samples = new();
    private long _delivered;

    public LayerEngine Engine { get; } = engine;

    /// <summary>What this backend disposes with itself (e.g. a model's device buffers); null: nothing.</summary>
    public IDisposable? Owned { get; init; }

    public SignalKind OutputKind => Engine.Model.OutputKind;

    public bool IsSource => Engine.Model.Ports.Count == 0;

    public long Step => Engine.Step;

    public void Deliver(LayerInput input, SpikeBatch batch)
    {
        Engine.Deliver(input.Projection, batch.StartStep, batch.StepPtr, batch.Neurons, input.RowOffset);
        var rows = Engine.Projections[input.Projection].Synapses.RowStart;
        long events = 0;
        foreach (var n in batch.Neurons) events += rows[n + input.RowOffset + 1] - rows[n + input.RowOffset];
        _delivered += events;
    }

    public void Deliver(LayerInput input, ContinuousBatch batch)
    {
        Engine.DeliverSamples(input.Projection, batch.StartStep, batch.Channels, batch.Samples);
        var rows = Engine.Projections[input.Projection].Synapses.RowStart;
        long events = 0;
        for (var i = 0; i < batch.Samples.Length; i++)
            if (batch.Samples[i] != 0)
            {
                var c = i % batch.Channels;
                events += rows[c + 1] - rows[c];
            }
        _delivered += events;
    }

    public ValueTask<WindowResult> ComputeAsync(int layer, long startStep, int steps)
    {
        if (startStep != Engine.Step) throw new InvalidOperationException($"layer {layer} is at step {Engine.Step}, asked for {startStep}");
        Engine.Evolve(steps, _spikes, _samples);
        object output;
        var recurrent = 0L;
        if (OutputKind == SignalKind.Continuous)
            output = new ContinuousBatch(layer, startStep, steps, _samples.Channels, _samples.ToSamples());
        else
        {
            var batch = new SpikeBatch(layer, startStep, steps, _spikes.ToStepPointers(), _spikes.ToNeurons());
            foreach (var p in Engine.Projections)
                if (p.Recurrent)
                    foreach (var n in batch.Neurons) recurrent += p.Synapses.RowStart[n + 1] - p.Synapses.RowStart[n];
            output = batch;
        }
        var counts = new WindowCounts(_delivered + recurrent, (long)Engine.Model.Size * ModelSteps(startStep, steps));
        _delivered = 0;
        var probes = Engine.Probes.Count == 0 ? [] : Engine.TakeProbeWindows();
        return ValueTask.FromResult(new WindowResult(output, probes, counts)
        {
            StreamEnd = Engine.Model is IFiniteSource finite ? finite.EndStep : -1,
        });
    }

    /// <summary>Model steps a layer at a multiple m of dt integrates in base steps [start, start + steps): those t with (t+1) mod m = 0.</summary>
    private long ModelSteps(long start, int steps)
    {
        var m = Engine.StepMultiple;
        return m == 1 ? steps : (start + steps) / m - start / m;
    }

    public EngineSnapshot Snapshot() => Engine.Snapshot();

    public void Restore(EngineSnapshot snapshot) => Engine.Restore(snapshot);

    public void Reset(long step = 0) => Engine.Reset(step);

    public void Dispose() => Owned?.Dispose();
}
