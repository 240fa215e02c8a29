using System.Diagnostics;
using EventSpike.Actors.Messages;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Scheduling;

/// <summary>
/// What the layers have reported: per-layer totals (spikes, time computing and waiting, batches, counted
/// events), the progress callback (steps every layer has completed, as it grows) and how long ago a
/// window last finished (for the watchdog).
/// </summary>
public sealed class RunProgress(Action<long>? progress)
{
    private LayerRunStats[] _stats = [];
    private long _reported = -1;
    private long _lastProgress = Stopwatch.GetTimestamp();

    public void Start(LayerRunStats[] stats) => _stats = stats;

    public IReadOnlyList<LayerRunStats> Stats => _stats;

    public double IdleSeconds => Stopwatch.GetElapsedTime(_lastProgress).TotalSeconds;

    public void Add(WindowDone done)
    {
        var s = _stats[done.Layer];
        _stats[done.Layer] = s with
        {
            Spikes = s.Spikes + done.Spikes,
            ComputeSeconds = s.ComputeSeconds + done.ComputeSeconds,
            WaitSeconds = s.WaitSeconds + done.WaitSeconds,
            MaxQueued = Math.Max(s.MaxQueued, done.Queued),
            Batches = s.Batches + 1,
            BatchBytes = s.BatchBytes + done.BatchBytes,
            SynapticEvents = s.SynapticEvents + done.SynapticEvents,
            NeuronUpdates = s.NeuronUpdates + done.NeuronUpdates,
        };
        _lastProgress = Stopwatch.GetTimestamp();
    }

    public void Report(long steps)
    {
        if (steps <= _reported) return;
        _reported = steps;
        progress?.Invoke(steps);
    }
}
