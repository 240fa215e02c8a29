using Akka.Actor;
using Akka.Event;
using EventSpike.Actors.Messages;
using EventSpike.Routing.Messages;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// Hands out windows. A layer gets window w+1 only after it reported w, and only while it is at
/// most <c>credit</c> windows ahead of its slowest consumer, so no queue grows without bound
/// whatever the relative speeds. When every layer has done the last window the recorder is told
/// to close, then the requester gets <see cref="RunCompleted"/>.
/// </summary>
public sealed class SchedulerActor : ReceiveActor, IWithTimers
{
    private readonly WindowPlan _plan;
    private readonly IReadOnlyList<IReadOnlyList<int>> _consumers;
    private readonly IReadOnlyList<IReadOnlyList<int>> _producers;
    private readonly int _credit;
    private readonly Action<long>? _progress;
    private readonly long[] _done;
    private readonly long[] _granted;
    private readonly LayerRunStats[] _stats;
    private IReadOnlyList<IActorRef> _layers = [];
    private IActorRef _recorder = ActorRefs.Nobody;
    private IActorRef _requester = ActorRefs.Nobody;
    private long _reported = -1;
    private CheckpointSettings? _checkpoints;
    private long _checkpointsWritten;
    private long _firstWindow;
    private long _lastProgress = System.Diagnostics.Stopwatch.GetTimestamp();
    private StallWatch? _watch;

    public ITimerScheduler Timers { get; set; } = null!;
    private System.Diagnostics.Stopwatch? _pace;
    private bool _paceTimerSet;
    private double _dt;
    private double _lagSum, _lagMax;
    private long _lagCount;
    private bool _recordingFinished;
    private int _drained;
    private long _stopAt = -1;
    private IActorRef? _interrupter;
    private IReadOnlyList<IActorRef>? _grantVia;                 // cluster runs: each layer's node inbox
    private readonly Dictionary<IActorRef, List<(int Layer, long Window)>> _grantsDue = new();
    private readonly Dictionary<string, long> _grantMessages = new(StringComparer.Ordinal);

    /// <param name="plan">The windows.</param>
    /// <param name="consumers">For each layer, the layers it feeds (itself excluded).</param>
    /// <param name="credit">How many windows a layer may run ahead of its slowest consumer (≥ 1).</param>
    /// <param name="progress">Called with the number of steps every layer has completed, as it grows.</param>
    public SchedulerActor(WindowPlan plan, IReadOnlyList<IReadOnlyList<int>> consumers, int credit, Action<long>? progress,
        CheckpointSettings? checkpoints = null, IReadOnlyList<Checkpoints.LayerState>? resume = null)
    {
        if (credit < 1) throw new ArgumentOutOfRangeException(nameof(credit), "credit must be at least one window");
        _plan = plan;
        _consumers = consumers;
        _credit = credit;
        _progress = progress;
        var n = consumers.Count;
        var producers = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (var l = 0; l < n; l++)
            foreach (var k in consumers[l]) producers[k].Add(l);
        _producers = producers;
        _done = Enumerable.Repeat(-1L, n).ToArray();
        _granted = Enumerable.Repeat(-1L, n).ToArray();
        _stats = Enumerable.Range(0, n).Select(l => new LayerRunStats(l, 0, 0, 0)).ToArray();
        _checkpoints = checkpoints;
        if (resume is not null)
            foreach (var state in resume)
            {
                _firstWindow = plan.WindowOf(state.Step);
                var window = plan.WindowOf(state.Step);
                _done[state.Layer] = window - 1;
                _granted[state.Layer] = window - 1;
                _stats[state.Layer] = new LayerRunStats(state.Layer, state.Spikes, state.ComputeSeconds, state.WaitSeconds);
            }

        Receive<StartRun>(start =>
        {
            if (start.RealtimeDt is { } dt)
            {
                _dt = dt;
                _pace = System.Diagnostics.Stopwatch.StartNew();
            }
            _layers = start.Layers;
            _recorder = start.Recorder;
            _requester = Sender;
            for (var l = 0; l < _layers.Count; l++) TryGrant(l);
            SendGrants();
        });
        Receive<Cluster.GrantRoutes>(r => _grantVia = r.Inboxes);
        Receive<WindowDone>(done =>
        {
            OnWindowDone(done);
            SendGrants();
        });
        Receive<CheckpointWritten>(w =>
        {
            _checkpointsWritten++;
            if (w.Window == _stopAt) _interrupter?.Tell(w);
        });
        Receive<CheckpointSettings>(c => _checkpoints = c);
        Receive<StallWatch>(w =>
        {
            _watch = w;
            Timers.StartPeriodicTimer("watchdog", WatchdogTick.Instance, TimeSpan.FromSeconds(Math.Min(0.2, w.TimeoutSeconds / 4)));
        });
        Receive<WatchdogTick>(_ => CheckStall());
        Receive<Interrupt>(_ =>
        {
            var stop = _granted.Max() + 1;
            if (_checkpoints is null || stop >= _plan.WindowCount)
            {
                Sender.Tell(new RunFailed("interrupted too close to the end to checkpoint", StepsDone()));
                return;
            }
            _stopAt = stop;
            _interrupter = Sender;
            foreach (var layer in _layers) layer.Tell(new CheckpointAt(stop));
            _recorder.Tell(new CheckpointAt(stop));
        });
        Receive<PaceTick>(_ =>
        {
            _paceTimerSet = false;
            for (var l = 0; l < _layers.Count; l++) TryGrant(l);
            SendGrants();
        });
        Receive<RunFailed>(failed =>
        {
            _requester.Tell(failed with { StepsReached = StepsDone() });
            Become(Failed);
        });
    }

    public static Props Props(WindowPlan plan, IReadOnlyList<IReadOnlyList<int>> consumers, int credit, Action<long>? progress,
        CheckpointSettings? checkpoints = null, IReadOnlyList<Checkpoints.LayerState>? resume = null) =>
        Akka.Actor.Props.Create(() => new SchedulerActor(plan, consumers, credit, progress, checkpoints, resume));

    private sealed class WatchdogTick
    {
        public static readonly WatchdogTick Instance = new();
    }

    /// <summary>
    /// No layer has finished a window for longer than the watchdog allows: name the layer the run
    /// waits on (one that is computing, or waiting for nothing) and the window, and fail the run.
    /// </summary>
    private void CheckStall()
    {
        var watch = _watch!;
        var idle = System.Diagnostics.Stopwatch.GetElapsedTime(_lastProgress).TotalSeconds;
        if (idle < watch.TimeoutSeconds) return;
        var reasons = new List<string>();
        for (var l = 0; l < _layers.Count; l++)
        {
            if (_granted[l] <= _done[l]) continue; // not working on anything: held by credit, or finished
            var window = _done[l] + 1;
            var missing = watch.Inputs[l].Where(i => _done[i.SourceLayer] < _plan.RequiredSenderWindow(window, i.DelaySteps))
                .Select(i => $"window {_plan.RequiredSenderWindow(window, i.DelaySteps)} of layer '{watch.Names[i.SourceLayer]}'").Distinct().ToList();
            reasons.Add(missing.Count == 0
                ? $"layer '{watch.Names[l]}' ({_layers[l].Path}) is still computing window {window} (steps {_plan.StartOf(window)}–{_plan.StartOf(window) + _plan.StepsIn(window) - 1})"
                : $"layer '{watch.Names[l]}' ({_layers[l].Path}) waits for {string.Join(" and ", missing)} to compute window {window}");
        }
        var computing = reasons.Where(r => r.Contains("still computing")).ToList();
        var message = $"stalled: no window finished for {idle:0.0} s (watchdog {watch.TimeoutSeconds} s); " +
            string.Join("; ", computing.Count > 0 ? computing.Concat(reasons.Except(computing)) : reasons);
        Context.GetLogger().Error(message);
        Timers.Cancel("watchdog");
        _requester.Tell(new RunFailed(message, StepsDone()));
        Become(Failed);
    }

    /// <summary>Paced runs: it is time to look again at the windows held back.</summary>
    private sealed class PaceTick
    {
        public static readonly PaceTick Instance = new();
    }

    private void OnWindowDone(WindowDone done)
    {
        var l = done.Layer;
        if (done.Window != _done[l] + 1 || done.Window > _granted[l])
        {
            Self.Tell(new RunFailed($"protocol error: layer {l} reported window {done.Window} after {_done[l]} (granted {_granted[l]})", 0));
            return;
        }
        _done[l] = done.Window;
        var s = _stats[l];
        _stats[l] = s with
        {
            Spikes = s.Spikes + done.Spikes,
            ComputeSeconds = s.ComputeSeconds + done.ComputeSeconds,
            WaitSeconds = s.WaitSeconds + done.WaitSeconds,
            MaxQueued = Math.Max(s.MaxQueued, done.Queued),
            Batches = s.Batches + 1,
            BatchBytes = s.BatchBytes + done.BatchBytes,
        };
        _lastProgress = System.Diagnostics.Stopwatch.GetTimestamp();
        TryGrant(l);
        foreach (var p in _producers[l]) TryGrant(p);

        if (_checkpoints is not null && _done.Min() == done.Window && _checkpoints.IsBoundary(done.Window + 1, _plan.WindowCount))
            _recorder.Tell(new BoundaryReached(done.Window + 1));
        if (_pace is not null && _done.Min() == done.Window)
        {
            var lag = Math.Max(0, _pace.Elapsed.TotalSeconds - (_plan.StartOf(done.Window) + _plan.StepsIn(done.Window) - _plan.StartOf(_firstWindow)) * _dt);
            _lagSum += lag;
            _lagMax = Math.Max(_lagMax, lag);
            _lagCount++;
        }
        var steps = StepsDone();
        if (steps > _reported)
        {
            _reported = steps;
            _progress?.Invoke(steps);
        }
        if (_done.All(d => d == _plan.WindowCount - 1))
        {
            _recorder.Tell(new FinishRecording(AllWindows: true));
            foreach (var layer in _layers) layer.Tell(new DrainInputs());
            Become(Finishing);
        }
    }

    /// <summary>
    /// Grants layer <paramref name="l"/> every window its credit allows: up to <c>credit</c> windows past
    /// the slowest of its consumers (paced runs: only the next window, once it is due). A layer runs its
    /// granted windows back to back as their inputs arrive, so grants are off the critical path: on a
    /// cluster no window waits for a round trip to the coordinator.
    /// </summary>
    private void TryGrant(int l)
    {
        var next = _granted[l] + 1;
        var limit = _plan.WindowCount - 1;
        if (_stopAt >= 0) limit = Math.Min(limit, _stopAt - 1);
        foreach (var k in _consumers[l])
            if (k != l) limit = Math.Min(limit, _done[k] + _credit);
        if (limit < next) return;
        if (_pace is not null)
        {
            var due = (_plan.StartOf(next) - _plan.StartOf(_firstWindow)) * _dt;
            var early = due - _pace.Elapsed.TotalSeconds;
            if (early > 0)
            {
                if (!_paceTimerSet)
                {
                    _paceTimerSet = true;
                    Timers.StartSingleTimer("pace", PaceTick.Instance, TimeSpan.FromSeconds(early));
                }
                return;
            }
            limit = next;
        }
        _granted[l] = limit;
        if (_grantVia is null)
        {
            _layers[l].Tell(new WindowGranted(limit));
            return;
        }
        if (!_grantsDue.TryGetValue(_grantVia[l], out var pending)) _grantsDue[_grantVia[l]] = pending = new();
        pending.Add((l, limit));
    }

    /// <summary>Cluster runs: the grants of one message's handling, one message per node.</summary>
    private void SendGrants()
    {
        foreach (var (inbox, due) in _grantsDue)
        {
            if (due.Count == 0) continue;
            inbox.Tell(new Cluster.NodeGrants(due.Select(d => d.Layer).ToArray(), due.Select(d => d.Window).ToArray()));
            var node = inbox.Path.Address.ToString();
            _grantMessages[node] = _grantMessages.GetValueOrDefault(node) + 1;
            due.Clear();
        }
    }

    private long StepsDone()
    {
        var min = _done.Length == 0 ? _plan.WindowCount - 1 : _done.Min();
        return min < 0 ? 0 : Math.Min(_plan.TotalSteps, _plan.StartOf(min) + _plan.StepsIn(min));
    }

    /// <summary>Checkpoint boundaries this run passes (those before its start excluded when resuming).</summary>
    private long ExpectedCheckpoints(long firstWindow)
    {
        if (_checkpoints is null) return 0;
        var count = 0L;
        for (var w = firstWindow + 1; w < _plan.WindowCount; w++)
            if (_checkpoints.IsBoundary(w, _plan.WindowCount)) count++;
        return count;
    }

    private void Finishing()
    {
        Receive<RecordingFinished>(_ =>
        {
            _recordingFinished = true;
            TryComplete();
        });
        Receive<CheckpointWritten>(_ =>
        {
            _checkpointsWritten++;
            TryComplete();
        });
        Receive<InputsDrained>(_ =>
        {
            _drained++;
            TryComplete();
        });
        Receive<RunFailed>(failed =>
        {
            _requester.Tell(failed with { StepsReached = _plan.TotalSteps });
            Become(Failed);
        });
    }

    private void TryComplete()
    {
        if (!_recordingFinished || _drained < _layers.Count || _checkpointsWritten < ExpectedCheckpoints(_firstWindow)) return;
        _requester.Tell(new RunCompleted(_plan.TotalSteps, _plan.WindowCount, _stats)
        {
            GrantMessages = new Dictionary<string, long>(_grantMessages),
            RealtimeLag = _pace is null ? null : (_lagCount > 0 ? _lagSum / _lagCount : 0, _lagMax),
        });
        Become(Failed);
    }

    /// <summary>After the end (or a failure) every message is ignored.</summary>
    private void Failed() => ReceiveAny(_ => { });
}
