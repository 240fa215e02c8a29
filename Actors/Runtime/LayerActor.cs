using System.Diagnostics;
using Akka.Actor;
using EventSpike.Actors.Checkpoints;
using EventSpike.Actors.Hosting;
using EventSpike.Actors.Messages;
using EventSpike.Routing.Messages;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// Hosts one layer's <see cref="IWindowBackend"/>. It computes window w once the scheduler has granted
/// it and every sender window that can reach it has arrived; then it sends the output to its consumers
/// (and the recorder) and reports <see cref="WindowDone"/>. A backend that computes elsewhere leaves the
/// actor <see cref="Computing"/>: batches and grants still come in, and the result arrives as a
/// <see cref="WindowComputed"/> message. At a checkpoint boundary it first waits for every sender window
/// before the boundary, then hands its complete state to the checkpoint actor.
/// </summary>
public sealed class LayerActor : UntypedActor
{
    private readonly int _layer;
    private readonly IWindowBackend _backend;
    private readonly WindowPlan _plan;
    private readonly PendingInputs _inputs;
    private readonly IActorRef _scheduler;
    private readonly CheckpointSettings? _checkpoints;
    private readonly LayerOutputs _outputs;
    private long _granted = -1;
    private long _next;
    private long _grantedAt;
    private long _checkpointed = -1;
    private long _forced = -1;
    private long _spikes;
    private double _computeSeconds, _waitSeconds;
    private WindowCounts _counts;
    private double _windowWait; // the window in progress: from its grant to its inputs being all in

    private IActorRef? _drainFor; // a DrainInputs that came while a window was computing elsewhere

    public LayerActor(int layer, IWindowBackend backend, WindowPlan plan, IReadOnlyList<LayerInput> inputs, IActorRef scheduler,
        CheckpointSettings? checkpoints = null, LayerState? resume = null)
    {
        _layer = layer;
        _backend = backend;
        _plan = plan;
        _inputs = new PendingInputs(inputs, plan);
        _scheduler = scheduler;
        _checkpoints = checkpoints;
        _outputs = new LayerOutputs(layer, scheduler);
        if (resume is not null) Resume(resume);
    }

    public static Props Props(int layer, IWindowBackend backend, WindowPlan plan, IReadOnlyList<LayerInput> inputs, IActorRef scheduler,
        CheckpointSettings? checkpoints = null, LayerState? resume = null) =>
        ActorFactory.Props(() => new LayerActor(layer, backend, plan, inputs, scheduler, checkpoints, resume));

    protected override void PostStop() => _backend.Dispose();

    protected override void OnReceive(object message) => Idle(message);

    /// <summary>Nothing in flight: every message may start the next window.</summary>
    private void Idle(object message)
    {
        switch (message)
        {
            case SpikeBatch b: OnBatch(b, b.SourceLayer, b.StartStep, run: true); break;
            case WindowGranted g:
                OnGrant(g);
                TryRun();
                break;
            case ContinuousBatch b: OnBatch(b, b.SourceLayer, b.StartStep, run: true); break;
            case Wire w: _outputs.Wire(w); break;
            case CheckpointAt c:
                _forced = c.Window;
                TryRun();
                break;
            case DrainInputs: Drain(); break;
            default: Unhandled(message); break;
        }
    }

    /// <summary>The backend is computing a window elsewhere: take in what comes, start nothing.</summary>
    private void Computing(object message)
    {
        switch (message)
        {
            case SpikeBatch b: OnBatch(b, b.SourceLayer, b.StartStep, run: false); break;
            case WindowGranted g: OnGrant(g); break;
            case ContinuousBatch b: OnBatch(b, b.SourceLayer, b.StartStep, run: false); break;
            case Wire w: _outputs.Wire(w); break;
            case CheckpointAt c: _forced = c.Window; break;
            case DrainInputs: _drainFor = Sender; break;
            case WindowComputed c: OnComputed(c); break;
            default: Unhandled(message); break;
        }
    }

    private void OnComputed(WindowComputed c)
    {
        Become(Idle);
        if (_drainFor is { } drain)
        {
            _drainFor = null;
            Self.Tell(new DrainInputs(), drain);
        }
        if (c.Result is null)
        {
            _scheduler.Tell(new RunFailed($"layer {_layer} failed in window {c.Window}: {c.Error}", _plan.StartOf(c.Window)));
            return;
        }
        Finish(c.Window, c.Result, c.StartedAt);
        TryRun();
    }

    /// <summary>Continues from a checkpoint: the backend is already restored; windows before the boundary are done.</summary>
    private void Resume(LayerState state)
    {
        var window = _plan.WindowOf(state.Step);
        _next = window;
        _granted = window - 1;
        _checkpointed = window;
        _inputs.Resume(state, window);
        _spikes = state.Spikes;
        _computeSeconds = state.ComputeSeconds;
        _waitSeconds = state.WaitSeconds;
        _counts = new WindowCounts(state.SynapticEvents, state.NeuronUpdates);
    }

    private void OnBatch(object batch, int source, long startStep, bool run)
    {
        _inputs.Add(batch, source, startStep);
        if (run) TryRun();
    }

    private void OnGrant(WindowGranted g)
    {
        _granted = g.Window;
        _grantedAt = Stopwatch.GetTimestamp();
    }

    private void Drain()
    {
        try
        {
            _inputs.DeliverAll(_backend);
            Sender.Tell(new InputsDrained(_layer));
        }
        catch (Exception e)
        {
            Sender.Tell(new RunFailed($"layer {_layer} could not keep its inputs past the end: {e.Message}", _plan.TotalSteps));
        }
    }

    /// <summary>Runs every window that is granted and has its inputs, one after another, until one computes elsewhere.</summary>
    private void TryRun()
    {
        while (RunOne())
        {
        }
    }

    /// <summary>Starts the next window if it can; true when it finished here and the next may follow at once.</summary>
    private bool RunOne()
    {
        if (_checkpoints is not null && _forced == _next && _checkpointed < _next && _inputs.AllBefore(_next))
            HandIn(_next);
        if (_forced >= 0 && _next >= _forced) return false;
        if (_next > _granted || _next >= _plan.WindowCount || !_inputs.ReadyFor(_next)) return false;
        var window = _next;
        if (_checkpoints is not null && _checkpointed < window && _checkpoints.IsBoundary(window, _plan.WindowCount))
        {
            // Every sender window before the boundary must be here, so none is lost on resume.
            if (!_inputs.AllBefore(window)) return false;
            HandIn(window);
        }
        var ready = Stopwatch.GetTimestamp();
        _windowWait = Stopwatch.GetElapsedTime(_grantedAt, ready).TotalSeconds;
        ValueTask<WindowResult> computing;
        try
        {
            _inputs.DeliverFor(window, _backend);
            computing = _backend.ComputeAsync(_layer, _plan.StartOf(window), _plan.StepsIn(window));
            if (computing.IsCompletedSuccessfully)
            {
                Finish(window, computing.Result, ready);
                return true;
            }
        }
        catch (Exception e)
        {
            _scheduler.Tell(new RunFailed($"layer {_layer} failed in window {window}: {e.Message}", _plan.StartOf(window)));
            return false;
        }
        Become(Computing);
        computing.AsTask().ContinueWith(t => t.IsCompletedSuccessfully
            ? new WindowComputed(window, t.Result, null, ready)
            : new WindowComputed(window, null, t.Exception?.GetBaseException().Message ?? "cancelled", ready), TaskScheduler.Default)
            .PipeTo(Self);
        return false;
    }

    /// <summary>Sends a computed window's output and report; the next window may start.</summary>
    private void Finish(long window, WindowResult result, long startedAt)
    {
        var done = Stopwatch.GetTimestamp();
        _next = window + 1;
        var compute = Stopwatch.GetElapsedTime(startedAt, done).TotalSeconds;
        if (_granted >= _next) _grantedAt = done; // the next window is granted already: its wait starts now
        var (spikes, bytes) = LayerOutputs.Measure(result.Output);
        _spikes += spikes;
        _computeSeconds += compute;
        _waitSeconds += _windowWait;
        _counts += result.Counts;
        var report = new WindowDone(_layer, window, spikes, compute, _windowWait, _inputs.MaxQueued, bytes,
            result.Counts.SynapticEvents, result.Counts.NeuronUpdates, result.StreamEnd, result.ReleasedAt);
        _outputs.Publish(window, result, report, Self);
    }

    private void HandIn(long window)
    {
        _checkpointed = window;
        try
        {
            _checkpoints!.Collector.Tell(new LayerCheckpointed(window, Capture(window)));
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
        {
            _scheduler.Tell(new RunFailed($"layer {_layer} cannot be checkpointed at window {window}: {e.Message}", _plan.StartOf(window)));
        }
    }

    /// <summary>The layer's state at the start of <paramref name="window"/>: backend, undelivered sender batches, totals.</summary>
    private LayerState Capture(long window)
    {
        var snapshot = _backend.Snapshot();
        var (spikes, spikeInputs, samples, sampleInputs) = _inputs.Capture(window);
        return new LayerState(_layer, snapshot.Step, new Dictionary<string, double[]>(snapshot.State), snapshot.Random, snapshot.Rings,
            spikes, spikeInputs, samples, sampleInputs, _spikes, _computeSeconds, _waitSeconds, _counts.SynapticEvents, _counts.NeuronUpdates);
    }
}
