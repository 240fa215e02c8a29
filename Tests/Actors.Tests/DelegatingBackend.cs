using EventSpike.Actors.Hosting;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Tests;

/// <summary>A backend that hands everything to the one it wraps: tests override the part they watch or break.</summary>
public class DelegatingBackend(IWindowBackend inner) : IWindowBackend
{
    protected IWindowBackend Inner => inner;

    public SignalKind OutputKind => inner.OutputKind;

    public bool IsSource => inner.IsSource;

    public long Step => inner.Step;

    public void Deliver(LayerInput input, SpikeBatch batch) => inner.Deliver(input, batch);

    public void Deliver(LayerInput input, ContinuousBatch batch) => inner.Deliver(input, batch);

    public virtual ValueTask<WindowResult> ComputeAsync(int layer, long startStep, int steps) => inner.ComputeAsync(layer, startStep, steps);

    public virtual EngineSnapshot Snapshot() => inner.Snapshot();

    public void Restore(EngineSnapshot snapshot) => inner.Restore(snapshot);

    public void Reset(long step = 0) => inner.Reset(step);

    public virtual void Dispose() => inner.Dispose();
}
