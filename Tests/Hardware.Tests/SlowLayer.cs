using EventSpike.Actors.Hosting;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;

namespace EventSpike.Hardware.Tests;

/// <summary>A layer that takes <c>pause</c> per window on another thread and fires nothing: a network that cannot keep up.</summary>
public sealed class SlowLayer(TimeSpan pause) : IWindowBackend
{
    public SignalKind OutputKind => SignalKind.Spikes;
    public bool IsSource => false;
    public long Step { get; private set; }

    public void Deliver(LayerInput input, SpikeBatch batch) { }

    public void Deliver(LayerInput input, ContinuousBatch batch) { }

    public ValueTask<WindowResult> ComputeAsync(int layer, long startStep, int steps) => new(Task.Run(async () =>
    {
        await Task.Delay(pause).ConfigureAwait(false);
        Step = startStep + steps;
        return new WindowResult(new SpikeBatch(layer, startStep, steps, new int[steps + 1], []), [], new WindowCounts(0, 0));
    }));

    public EngineSnapshot Snapshot() => throw new NotSupportedException();
    public void Restore(EngineSnapshot snapshot) => throw new NotSupportedException();
    public void Reset(long step = 0) => Step = step;
    public void Dispose() { }
}
