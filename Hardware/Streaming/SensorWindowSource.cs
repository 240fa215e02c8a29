using System.Diagnostics;
using EventSpike.Actors.Hosting;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;

namespace EventSpike.Hardware.Streaming;

/// <summary>
/// The input layer's backend in a stream run: a live source on the hosting seam. A feeder thread offers events
/// at sensor steps (sensor time rebased to 0, ⌊t/dt⌋) and moves the watermark (every event before that step is in);
/// a window is given to the network once the watermark has passed its end, or the stream has ended. Complete
/// windows the network has not asked for yet wait in a backlog of at most <c>backlog</c> windows; past that the
/// <see cref="BackpressurePolicy"/> decides (<see cref="WindowBacklog"/>). Per window, the wall time from the
/// arrival of its last event to the window being given (the input layer's processing of it) is recorded.
/// </summary>
public sealed class SensorWindowSource : IWindowBackend
{
    private readonly object _gate = new();
    private readonly int _size;
    private readonly WindowBacklog _backlog;
    private readonly StreamLatency _latency = new();
    private readonly StreamLatency _behind = new();
    private long _watermark;      // simulated step: every event before it is in
    private bool _ended;
    private bool _stopped;
    private long _endStep;
    private (int Layer, long Start, int Steps, TaskCompletionSource<WindowResult> Result)? _waiting;
    private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="size">Channels of the input layer.</param>
    /// <param name="windowSteps">Steps per window of the run's plan.</param>
    /// <param name="policy">What to do when more than <paramref name="backlog"/> complete windows wait.</param>
    /// <param name="backlog">Complete windows that may wait for the network (≥ 1).</param>
    public SensorWindowSource(int size, int windowSteps, BackpressurePolicy policy, int backlog)
    {
        if (backlog < 1) throw new ArgumentOutOfRangeException(nameof(backlog), "the backlog holds at least one window");
        _size = size;
        _backlog = new WindowBacklog(windowSteps, policy, backlog);
    }

    public SignalKind OutputKind => SignalKind.Spikes;

    public bool IsSource => true;

    public long Step
    {
        get
        {
            lock (_gate) return _backlog.GivenStep;
        }
    }

    public BackpressurePolicy Policy => _backlog.Policy;

    /// <summary>Completes when the network first asks for a window (the run has started): a paced feed starts its clock then.</summary>
    public Task Requested => _requested.Task;

    /// <summary>Events discarded: by the policy, or arriving after their window was given (and not merged).</summary>
    public long Dropped
    {
        get
        {
            lock (_gate) return _backlog.Dropped;
        }
    }

    /// <summary>Windows collapsed by the policy: each shifted sensor time one window against simulated time.</summary>
    public long WindowsShed
    {
        get
        {
            lock (_gate) return _backlog.ShedWindows;
        }
    }

    /// <summary>Latency per window with events (arrival of its last event → window given), in ms: p50, p99, max, count.</summary>
    public LatencySummary Latency
    {
        get
        {
            lock (_gate) return _latency.Summary();
        }
    }

    /// <summary>
    /// The part of <see cref="Latency"/> from windows that were complete before the network asked for them (it was behind):
    /// a diagnosis of where a latency tail comes from (the network, or the feed being late with the watermark).
    /// </summary>
    public LatencySummary LatencyWhenBehind
    {
        get
        {
            lock (_gate) return _behind.Summary();
        }
    }

    /// <summary>Offers one event at sensor step <paramref name="sensorStep"/> on <paramref name="channel"/>, arrived at <paramref name="arrivedAt"/> (Stopwatch ticks).</summary>
    public void Offer(long sensorStep, int channel, long arrivedAt)
    {
        if ((uint)channel >= (uint)_size) throw new ArgumentOutOfRangeException(nameof(channel), $"channel {channel} is outside 0..{_size - 1}");
        lock (_gate)
        {
            if (_ended) _backlog.CountDropped(1);
            else _backlog.Add(sensorStep, channel, arrivedAt);
        }
    }

    /// <summary>Offers events at one sensor step on <paramref name="channels"/>, arrived at <paramref name="arrivedAt"/>, under one lock.</summary>
    public void Offer(long sensorStep, ReadOnlySpan<int> channels, long arrivedAt)
    {
        foreach (var channel in channels)
            if ((uint)channel >= (uint)_size) throw new ArgumentOutOfRangeException(nameof(channels), $"channel {channel} is outside 0..{_size - 1}");
        if (channels.IsEmpty) return;
        lock (_gate)
        {
            if (_ended)
            {
                _backlog.CountDropped(channels.Length);
                return;
            }
            foreach (var channel in channels) _backlog.Add(sensorStep, channel, arrivedAt);
        }
    }

    /// <summary>
    /// Every event before sensor step <paramref name="sensorStep"/> is in. Under <see cref="BackpressurePolicy.Block"/>
    /// this waits while the backlog is full (until the network takes a window, the stream is stopped, or <paramref name="cancel"/>).
    /// </summary>
    public void Advance(long sensorStep, CancellationToken cancel = default)
    {
        lock (_gate)
        {
            while (!_stopped && !cancel.IsCancellationRequested)
            {
                var target = _backlog.ToSimulated(sensorStep);
                if (target <= _watermark) return;
                var room = _backlog.Room(target);
                if (room > _watermark)
                {
                    _watermark = room;
                    if (ReleaseIfReady()) continue; // the network took a window: there is more room
                }
                if (room >= target) return;
                if (_backlog.Policy == BackpressurePolicy.Block) Monitor.Wait(_gate, 50);
                else _watermark = _backlog.Shed(target - room, sensorStep);
            }
        }
    }

    /// <summary>No more events will come: the stream ends at the watermark, or after its last event when that is later.</summary>
    public void End()
    {
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
            _endStep = Math.Max(_watermark, _backlog.LastStep + 1);
            ReleaseIfReady();
            Monitor.PulseAll(_gate);
        }
    }

    public void Deliver(LayerInput input, SpikeBatch batch) => throw new InvalidOperationException("a sensor source takes no input");

    public void Deliver(LayerInput input, ContinuousBatch batch) => throw new InvalidOperationException("a sensor source takes no input");

    public ValueTask<WindowResult> ComputeAsync(int layer, long startStep, int steps)
    {
        _requested.TrySetResult();
        lock (_gate)
        {
            if (_waiting is not null) throw new InvalidOperationException("a window is already being waited for");
            if (_ended || _watermark >= startStep + steps) return ValueTask.FromResult(Take(layer, startStep, steps, waited: false));
            var result = new TaskCompletionSource<WindowResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting = (layer, startStep, steps, result);
            return new ValueTask<WindowResult>(result.Task);
        }
    }

    private bool ReleaseIfReady()
    {
        if (_waiting is not { } w || !(_ended || _watermark >= w.Start + w.Steps)) return false;
        _waiting = null;
        w.Result.SetResult(Take(w.Layer, w.Start, w.Steps, waited: true));
        return true;
    }

    /// <summary>Gives the window: its events in step then channel order; records its latency; wakes a blocked feeder.</summary>
    private WindowResult Take(int layer, long start, int steps, bool waited)
    {
        var (stepPtr, channels, lastArrival) = _backlog.Take(start, steps);
        var now = Stopwatch.GetTimestamp();
        if (lastArrival != 0)
        {
            _latency.Record(now - lastArrival);
            if (!waited) _behind.Record(now - lastArrival);
        }
        Monitor.PulseAll(_gate);
        var batch = new SpikeBatch(layer, start, steps, stepPtr, channels);
        var released = waited ? now : lastArrival;
        return new WindowResult(batch, [], new WindowCounts(0, 0)) { StreamEnd = _ended ? _endStep : -1, ReleasedAt = released };
    }

    public EngineSnapshot Snapshot() => throw new NotSupportedException("a sensor stream cannot be checkpointed");

    public void Restore(EngineSnapshot snapshot) => throw new NotSupportedException("a sensor stream cannot be restored from a checkpoint");

    public void Reset(long step = 0)
    {
        lock (_gate) _backlog.Reset(step);
    }

    /// <summary>Stops waiting: a pending window fails, a blocked feeder returns.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _requested.TrySetResult();
            Monitor.PulseAll(_gate);
            _waiting?.Result.TrySetException(new OperationCanceledException("the sensor source was stopped"));
        }
    }
}
