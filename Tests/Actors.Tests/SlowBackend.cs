using EventSpike.Actors.Hosting;

namespace EventSpike.Actors.Tests;

/// <summary>
/// A backend that computes elsewhere and late: each window is computed on a thread-pool thread after
/// a pause, as a GPU or a chip behind a socket would. It records the threads it computed on, and can be
/// told to fail at one window.
/// </summary>
public sealed class SlowBackend(IWindowBackend inner, TimeSpan pause, long failAtStep = -1) : DelegatingBackend(inner)
{
    public HashSet<int> ComputeThreads { get; } = new();

    public HashSet<int> CallerThreads { get; } = new();

    public override ValueTask<WindowResult> ComputeAsync(int layer, long startStep, int steps)
    {
        lock (CallerThreads) CallerThreads.Add(Environment.CurrentManagedThreadId);
        return new ValueTask<WindowResult>(Task.Run(async () =>
        {
            await Task.Delay(pause).ConfigureAwait(false);
            lock (ComputeThreads) ComputeThreads.Add(Environment.CurrentManagedThreadId);
            if (startStep == failAtStep) throw new IOException("the device went away");
            return await Inner.ComputeAsync(layer, startStep, steps).ConfigureAwait(false);
        }));
    }
}
