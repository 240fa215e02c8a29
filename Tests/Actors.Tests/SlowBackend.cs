using EventSpike.Actors.Hosting;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Tests;

/// <summary>
/// A backend that computes elsewhere and late: each window is computed on a thread-pool thread after
/// a pause, as a GPU or a chip behind a socket would. It records the threads it computed on, and can be
/// told to fail at one window.
/// </summary>
public sealed class SlowBackend(IWindowBackend inner, TimeSpan pause, long failAtStep = -1) : IWindowBackend
{
    public HashSet<int> ComputeThreads { get; } = new();

    public HashSet<int> CallerThreads { get; } = new();

    public SignalKind OutputKind => inner.OutputKind;

    public bool IsSource => inner.IsSource;

    public long Step => inner.Step;

    public void Deliver(LayerInput input, SpikeBatch batch) => inner.Deliver(input, batch);

    public void Deliver(LayerInput input, ContinuousBatch batch) => inner.Deliver(input, batch);

    public ValueTask<WindowResult> ComputeAsync(int layer, long startStep, int steps)
    {
        lock (CallerThreads) CallerThreads.Add(Environment.CurrentManagedThreadId);
        return new ValueTask<WindowResult>(Task.Run(async () =>
        {
            await Task.Delay(pause).ConfigureAwait(false);
            lock (ComputeThreads) ComputeThreads.Add(Environment.CurrentManagedThreadId);
            if (startStep == failAtStep) throw new IOException("the device went away");
            return await inner.ComputeAsync(layer, startStep, steps).ConfigureAwait(false);
        }));
    }

    public EngineSnapshot Snapshot() => inner.Snapshot();

    public void Restore(EngineSnapshot snapshot) => inner.Restore(snapshot);

    public void Reset(long step = 0) => inner.Reset(step);

    public void Dispose() => inner.Dispose();
}
