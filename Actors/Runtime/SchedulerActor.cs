using Akka.Actor;
using Akka.Event;
using EventSpike.Actors.Messages;
using EventSpike.Actors.Scheduling;
using EventSpike.Routing.Messages;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// Hands out windows and ends the run. What a layer may compute is the <see cref="CreditPolicy"/>'s call,
/// when a window may start the <see cref="IPacer"/>'s, checkpoints and interrupts the
/// <see cref="CheckpointCoordinator"/>'s, how grants travel the <see cref="GrantBatcher"/>'s, and a stall
/// is described by <see cref="StallReport"/>: this actor only routes messages between them. When every
/// layer has done the last window (a fixed one, or the one the sources ended in) the recorder is told to
/// close and the layers to keep their inputs, then the requester gets <see cref="RunCompleted"/>.
/// </summary>
public sealed class SchedulerActor : UntypedActor, IWithTimers
{
    private readonly WindowPlan _plan;
    private readonly CreditPolicy _policy;
    private readonly RunProgress _progress;
    private readonly CheckpointCoordinator _checkpoints;
    private readonly GrantBatcher _grants = new();
    private readonly long _firstWindow;
    private IPacer? _pacer;
    private IReadOnlyList<IActorRef> _layers = [];
    private IActorRef _recorder = ActorRefs.Nobody;
    private IActorRef _requester = ActorRefs.Nobody;
    private StallWatch? _watch;
    private bool _paceTimerSet;
    private long _allDone = -1;
    private long _inRun = -1;
    private bool _recordingFinished;
    private int _drained;
    private RunFailed? _failure;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="plan">The windows.</param>
    /// <param name="consumers">For each layer, the layers it feeds (itself excluded).</param>
    /// <param name="credit">How many windows a layer may run ahead of its slowest consumer (≥ 1).</param>
    /// <param name="progress">Called with the number of steps every layer has completed, as it grows.</param>
    /// <param name="sources">For each layer, whether it is a source (open-ended runs end when every source has).</param>
    public SchedulerActor(WindowPlan plan, IReadOnlyList<IReadOnlyList<int>> consumers, int credit, Action<long>? progress,
        CheckpointSettings? checkpoints = null, IReadOnlyList<Checkpoints.LayerState>? resume = null, IReadOnlyList<bool>? sources = null)
    {
        _plan = plan;
        _policy = new CreditPolicy(plan, consumers, credit, sources);
        _progress = new RunProgress(progress);
        var stats = Enumerable.Range(0, consumers.Count).Select(l => new LayerRunStats(l, 0, 0, 0)).ToArray();
        foreach (var state in resume ?? [])
        {
            _firstWindow = plan.WindowOf(state.Step);
            _policy.Resume(state.Layer, _firstWindow);
            stats[state.Layer] = new LayerRunStats(state.Layer, state.Spikes, state.ComputeSeconds, state.WaitSeconds)
                { SynapticEvents = state.SynapticEvents, NeuronUpdates = state.NeuronUpdates };
        }
        _progress.Start(stats);
        _checkpoints = new CheckpointCoordinator(_firstWindow) { Settings = checkpoints };
    }

    public static Props Props(WindowPlan plan, IReadOnlyList<IReadOnlyList<int>> consumers, int credit, Action<long>? progress,
        CheckpointSettings? checkpoints = null, IReadOnlyList<Checkpoints.LayerState>? resume = null, IReadOnlyList<bool>? sources = null) =>
        ActorFactory.Props(() => new SchedulerActor(plan, consumers, credit, progress, checkpoints, resume, sources));

    protected override void OnReceive(object message) => Running(message);

    private void Running(object message)
    {
        switch (message)
        {
            case WindowDone done: OnWindowDone(done); break;
            case StartRun start: OnStart(start); break;
            case FailureBeforeStart: _requester = Sender; break;
            case Cluster.GrantRoutes r: _grants.RouteVia(r.Inboxes, _policy.Done); break;
            case CheckpointWritten w: _checkpoints.Written(w); break;
            case CheckpointSettings c: _checkpoints.Settings = c; break;
            case StallWatch w:
                _watch = w;
                Timers.StartPeriodicTimer("watchdog", WatchdogTick.Instance, TimeSpan.FromSeconds(Math.Min(0.2, w.TimeoutSeconds / 4)));
                break;
            case WatchdogTick: CheckStall(); break;
            case Interrupt:
                if (!_checkpoints.Interrupt(_policy.Granted.Max() + 1, _policy.LastWindow, Sender, _layers, _recorder))
                    Sender.Tell(new RunFailed("interrupted too close to the end to checkpoint", _policy.StepsDone));
                else _policy.StopAt = _checkpoints.StopAt;
                break;
            case PaceTick:
                _paceTimerSet = false;
                GrantAll();
                break;
            case RunFailed failed: Fail(failed); break;
            default: Unhandled(message); break;
        }
    }

    private void OnStart(StartRun start)
    {
        _pacer = start.RealtimeDt is { } dt ? new WallClockPacer(_plan, dt, _firstWindow) : _plan.OpenEnded ? new SourcePacer() : null;
        _layers = start.Layers;
        _recorder = start.Recorder;
        _requester = Sender;
        _grants.Start(_layers);
        GrantAll();
    }

    private void CheckStall()
    {
        var idle = _progress.IdleSeconds;
        if (idle < _watch!.TimeoutSeconds) return;
        var message = StallReport.Describe(_watch, _policy, _plan, _layers, idle);
        if (_layers.Count == 0) message += "the layers were still being set up (built, or placed on their nodes)";
        Context.GetLogger().Error(message);
        Timers.Cancel("watchdog");
        Fail(new RunFailed(message, 0));
    }

    private void OnWindowDone(WindowDone done)
    {
        if (_policy.Report(done.Layer, done.Window, done.StreamEnd) is { } error)
        {
            Fail(new RunFailed(error, 0));
            return;
        }
        _progress.Add(done);
        _pacer?.Released(done.Window, done.ReleasedAt);
        var affected = _policy.Affected(done.Layer);
        for (var i = 0; i < affected.Count; i++) TryGrant(affected[i]);
        if (_plan.OpenEnded && _policy.InRun > _inRun)
        {
            // A source has reached a new window of the run: the recorder may write it, the other layers compute it.
            _inRun = _policy.InRun;
            _recorder.Tell(new RunReaches(_inRun));
            for (var l = 0; l < _layers.Count; l++) TryGrant(l);
        }
        _grants.Flush();
        var all = Math.Min(_policy.MinDone, _policy.LastWindow);
        for (var w = _allDone + 1; w <= all; w++)
        {
            _checkpoints.AllDone(w, _policy.LastWindow, _recorder);
            _pacer?.Completed(w);
        }
        _allDone = Math.Max(_allDone, all);
        _progress.Report(_policy.StepsDone);
        if (!_policy.Finished) return;
        _recorder.Tell(new FinishRecording(AllWindows: true) { LastWindow = _policy.LastWindow });
        foreach (var layer in _layers) layer.Tell(new DrainInputs());
        Become(Finishing);
    }

    /// <summary>Grants every layer what its credit allows (paced runs: only the next window, once it is due).</summary>
    private void GrantAll()
    {
        for (var l = 0; l < _layers.Count; l++) TryGrant(l);
        _grants.Flush();
    }

    private void TryGrant(int l)
    {
        var next = _policy.Granted[l] + 1;
        var limit = _policy.Limit(l);
        if (limit < next) return;
        if (_pacer is not null && _pacer.HoldBack(next) is var wait && wait > TimeSpan.Zero)
        {
            if (!_paceTimerSet)
            {
                _paceTimerSet = true;
                Timers.StartSingleTimer("pace", PaceTick.Instance, wait);
            }
            return;
        }
        if (_pacer is WallClockPacer) limit = next;
        _policy.Grant(l, limit);
        _grants.Grant(l, limit);
    }

    private void Finishing(object message)
    {
        switch (message)
        {
            case RecordingFinished:
                _recordingFinished = true;
                TryComplete();
                break;
            case CheckpointWritten w:
                _checkpoints.Written(w);
                TryComplete();
                break;
            case InputsDrained:
                _drained++;
                TryComplete();
                break;
            case RunFailed failed: Fail(failed); break;
            case WindowDone: break; // sources past the end of an open-ended run
            default: Unhandled(message); break;
        }
    }

    private void TryComplete()
    {
        var last = _policy.LastWindow;
        if (!_recordingFinished || _drained < _layers.Count || !_checkpoints.AllWritten(last)) return;
        var steps = _plan.StartOf(last) + _plan.StepsIn(last);
        _requester.Tell(new RunCompleted(steps, last + 1, _progress.Stats)
        {
            GrantMessages = _grants.Messages,
            RealtimeLag = _pacer is WallClockPacer ? _pacer.Lag : null,
            SourceLag = _pacer is SourcePacer ? _pacer.Lag : null,
        });
        Become(Ended);
    }

    private void Fail(RunFailed failed)
    {
        _failure = failed with { StepsReached = _policy.Finished ? _plan.StartOf(_policy.LastWindow) + _plan.StepsIn(_policy.LastWindow) : _policy.StepsDone };
        _requester.Tell(_failure);
        Become(Ended);
    }

    /// <summary>After the end (or a failure) every message is ignored; a run that failed before it started says so when started.</summary>
    private void Ended(object message)
    {
        if (message is StartRun) Sender.Tell(_failure ?? (object)new RunFailed("the run has already ended", 0));
    }
}
