using EventSpike.Actors.Hosting;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Tests;

/// <summary>
/// A backend that computes like the one it wraps but runs out of memory outside its computation: when
/// its state is taken for a checkpoint (an exception its layer actor does not handle).
/// </summary>
public sealed class CrashingBackend(IWindowBackend inner) : IWindowBackend
{
    public SignalKind OutputKind => inner.OutputKind;

    public bool IsSource => inner.IsSource;

    public long Step => inner.Step;

    public void Deliver(LayerInput input, SpikeBatch batch) => inner.Deliver(input, batch);

    public void Deliver(LayerInput input, ContinuousBatch batch) => inner.Deliver(input, batch);

    public ValueTask<WindowResult> ComputeAsync(int layer, long startStep, int steps) => inner.ComputeAsync(layer, startStep, steps);

    public EngineSnapshot Snapshot() => throw new OutOfMemoryException("no room for the layer's state");

    public void Restore(EngineSnapshot snapshot) => inner.Restore(snapshot);

    public void Reset(long step = 0) => inner.Reset(step);

    public void Dispose() => inner.Dispose();
}
