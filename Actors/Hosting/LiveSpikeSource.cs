using System.Diagnostics;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Hosting;

/// <summary>
/// A source fed from outside the run while it goes: any thread pushes events (step, channel), moves the
/// watermark (every event before that step is in) and finally says end-of-stream. A window is held until
/// the watermark has passed its end (or the stream has ended), so the network computes each window once,
/// with all of its events, however late they come. An event pushed for a window already given is late:
/// it is dropped and counted (what to do instead is a backpressure policy of the sensor's link).
/// A live source keeps no state a checkpoint could bring back.
/// </summary>
public sealed class LiveSpikeSource(int size) : IWindowBackend
{
    private readonly object _gate = new();
    private readonly List<(long Step, int Channel)> _events = new();
    private long _watermark;
    private long _given;          // windows before this step have been given out
    private bool _ended;
    private long _endStep;        // the step the stream ended at: the watermark or past the last event
    private (int Layer, long Start, int Steps, TaskCompletionSource<WindowResult> Result)? _waiting;

    public SignalKind OutputKind => SignalKind.Spikes;

    public bool IsSource => true;

    public long Step
    {
        get
        {
            lock (_gate) return _given;
        }
    }

    /// <summary>Events that came after their window had been given out.</summary>
    public long Dropped { get; private set; }

    public void Push(long step, int channel)
    {
        if ((uint)channel >= (uint)size) throw new ArgumentOutOfRangeException(nameof(channel), $"channel {channel} is outside 0..{size - 1}");
        lock (_gate)
        {
            if (step < _given || _ended) Dropped++;
            else _events.Add((step, channel));
        }
    }

    /// <summary>Every event before <paramref name="step"/> is in.</summary>
    public void Advance(long step)
    {
        lock (_gate)
        {
            _watermark = Math.Max(_watermark, step);
            ReleaseIfReady();
        }
    }

    /// <summary>No more events will come: the stream ends at the watermark, or after its last event when that is later.</summary>
    public void End()
    {
        lock (_gate)
        {
            _ended = true;
            _endStep = Math.Max(_watermark, _events.Count == 0 ? 0 : _events.Max(e => e.Step) + 1);
            ReleaseIfReady();
        }
    }

    public void Deliver(LayerInput input, SpikeBatch batch) => throw new InvalidOperationException("a live source takes no input");

    public void Deliver(LayerInput input, ContinuousBatch batch) => throw new InvalidOperationException("a live source takes no input");

    public ValueTask<WindowResult> ComputeAsync(int layer, long startStep, int steps)
    {
        lock (_gate)
        {
            if (_waiting is not null) throw new InvalidOperationException("a window is already being waited for");
            if (_ended || _watermark >= startStep + steps) return ValueTask.FromResult(Take(layer, startStep, steps, 0));
            var result = new TaskCompletionSource<WindowResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting = (layer, startStep, steps, result);
            return new ValueTask<WindowResult>(result.Task);
        }
    }

    private void ReleaseIfReady()
    {
        if (_waiting is not { } w || !(_ended || _watermark >= w.Start + w.Steps)) return;
        _waiting = null;
        w.Result.SetResult(Take(w.Layer, w.Start, w.Steps, Stopwatch.GetTimestamp()));
    }

    /// <summary>The window's events in step then channel order; the rest stay.</summary>
    private WindowResult Take(int layer, long start, int steps, long releasedAt)
    {
        var end = start + steps;
        var mine = _events.Where(e => e.Step < end).OrderBy(e => e.Step).ThenBy(e => e.Channel).ToList();
        _events.RemoveAll(e => e.Step < end);
        _given = end;
        var stepPtr = new int[steps + 1];
        foreach (var e in mine) stepPtr[e.Step - start + 1]++;
        for (var i = 0; i < steps; i++) stepPtr[i + 1] += stepPtr[i];
        var batch = new SpikeBatch(layer, start, steps, stepPtr, mine.Select(e => e.Channel).ToArray());
        return new WindowResult(batch, [], new WindowCounts(0, 0)) { StreamEnd = _ended ? _endStep : -1, ReleasedAt = releasedAt };
    }

    public EngineSnapshot Snapshot() => throw new NotSupportedException("a live source cannot be checkpointed");

    public void Restore(EngineSnapshot snapshot) => throw new NotSupportedException("a live source cannot be restored from a checkpoint");

    public void Reset(long step = 0)
    {
        lock (_gate) _given = step;
    }

    public void Dispose()
    {
        lock (_gate) _waiting?.Result.TrySetException(new OperationCanceledException("the live source was stopped"));
    }
}
