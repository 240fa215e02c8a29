using Akka.Actor;
using EventSpike.Actors.Messages;
using EventSpike.Actors.Recording;
using EventSpike.Routing.Messages;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// Gathers the batches of the recorded layers and the probes' samples and hands them to a sink in the
/// contract's order, one window at a time as soon as every recorded layer and every probe has sent it:
/// the window's continuous samples, its spikes (step, then layer in file order, then neuron), then its
/// probe samples. A checkpoint's mark therefore covers exactly the windows before it. Memory holds at
/// most the windows some layer is still behind on. In an open-ended run a window is written only once
/// the scheduler says it is part of the run (<see cref="RunReaches"/>).
/// </summary>
public sealed class RecorderActor : UntypedActor
{
    private readonly IReadOnlyList<int> _layers;
    private readonly WindowPlan _plan;
    private readonly ISpikeSink _sink;
    private readonly IActorRef _scheduler;
    private readonly Dictionary<int, Queue<object>> _pending;
    private readonly Queue<ProbeBatch>[] _probes; // per probe id: one batch per window, in window order
    private readonly CheckpointSettings? _checkpoints;
    private long _window;
    private long _forced = -1;
    private bool _failed;
    private IActorRef? _finisher;
    private long _last;      // the run's last window (an open-ended run's: known at its end)
    private long _writable;  // the newest window known to be part of the run

    /// <param name="probes">How many probes send their samples here (one batch per probe and window).</param>
    public RecorderActor(IReadOnlyList<int> recordedLayers, WindowPlan plan, ISpikeSink sink, IActorRef scheduler,
        CheckpointSettings? checkpoints = null, long startWindow = 0, int probes = 0)
    {
        _checkpoints = checkpoints;
        _window = startWindow;
        _scheduler = scheduler;
        _layers = recordedLayers;
        _plan = plan;
        _sink = sink;
        _pending = recordedLayers.ToDictionary(l => l, _ => new Queue<object>());
        _probes = Enumerable.Range(0, probes).Select(_ => new Queue<ProbeBatch>()).ToArray();
        _last = plan.WindowCount - 1;
        _writable = plan.OpenEnded ? -1 : _last;
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case SpikeBatch b: Enqueue(b.SourceLayer, b); break;
            case ContinuousBatch b: Enqueue(b.SourceLayer, b); break;
            case ProbeBatch b:
                if (_failed) return;
                _probes[b.Probe].Enqueue(b);
                Guarded(Drain);
                TryFinish();
                break;
            case BoundaryReached b: OnBoundary(b.Window); break;
            case CheckpointAt c:
                _forced = c.Window;
                if (_window == _forced || !Tracked) MarkForced();
                break;
            case RunReaches r:
                _writable = Math.Max(_writable, r.Window);
                Guarded(Drain);
                break;
            case FinishRecording f: OnFinish(f); break;
            default: Unhandled(message); break;
        }
    }

    private void OnFinish(FinishRecording f)
    {
        _finisher = Sender;
        if (f.LastWindow is { } last)
        {
            _last = last;
            _writable = last;
            Guarded(Drain);
        }
        if (!f.AllWindows || _failed || HoldsEverything()) Finish();
    }

    public static Props Props(IReadOnlyList<int> recordedLayers, WindowPlan plan, ISpikeSink sink, IActorRef scheduler,
        CheckpointSettings? checkpoints = null, long startWindow = 0, int probes = 0) =>
        ActorFactory.Props(() => new RecorderActor(recordedLayers, plan, sink, scheduler, checkpoints, startWindow, probes));

    /// <summary>Whether anything is recorded window by window (recorded layers or probes).</summary>
    private bool Tracked => _layers.Count > 0 || _probes.Length > 0;

    private bool HoldsEverything() => !Tracked || _window > _last;

    /// <summary>Finishes a deferred <see cref="FinishRecording"/> once the last windows are in.</summary>
    private void TryFinish()
    {
        if (_finisher is not null && HoldsEverything()) Finish();
    }

    private void Finish()
    {
        if (!_failed) Guarded(() =>
        {
            Drain();
            _sink.Complete();
        });
        _finisher!.Tell(_failed ? new RunFailed("the recorder could not write its outputs", _plan.TotalSteps) : new RecordingFinished(_window));
        _finisher = null;
    }

    private void Enqueue(int layer, object batch)
    {
        if (_failed || !_pending.TryGetValue(layer, out var q)) return;
        q.Enqueue(batch);
        Guarded(Drain);
        TryFinish();
    }

    /// <summary>Writes every window that every recorded layer and probe has sent, in order.</summary>
    private void Drain()
    {
        if (!Tracked) return; // nothing recorded: checkpoints still get the recorder's (empty) part at each boundary
        while (_window <= _writable && AllHave())
        {
            var batches = _layers.Select(l => _pending[l].Dequeue()).ToArray();
            var spikes = batches.OfType<SpikeBatch>().ToArray();
            foreach (var c in batches.OfType<ContinuousBatch>()) _sink.WriteSamples(c.SourceLayer, c.StartStep, c.Channels, c.Samples);
            if (spikes.Length > 0)
                for (var offset = 0; offset < spikes[0].Steps; offset++)
                    foreach (var b in spikes)
                    {
                        var neurons = b.At(offset);
                        if (neurons.Length > 0) _sink.Write(b.StartStep + offset, b.SourceLayer, neurons);
                    }
            foreach (var queue in _probes)
            {
                var probe = queue.Dequeue();
                _sink.WriteProbe(probe.Probe, probe.Steps, probe.Values);
            }
            _window++;
            if (_checkpoints is not null && _checkpoints.IsBoundary(_window, _plan.WindowCount))
                _checkpoints.Collector.Tell(new RecorderCheckpointed(_window, _sink.Mark()));
            if (_window == _forced) MarkForced();
        }
    }

    /// <summary>Whether every recorded layer and every probe has sent the next window.</summary>
    private bool AllHave()
    {
        foreach (var queue in _pending.Values)
            if (queue.Count == 0) return false;
        foreach (var queue in _probes)
            if (queue.Count == 0) return false;
        return true;
    }

    private void MarkForced()
    {
        if (_checkpoints is not null && !_checkpoints.IsBoundary(_forced, _plan.WindowCount))
            _checkpoints.Collector.Tell(new RecorderCheckpointed(_forced, _sink.Mark()));
    }

    /// <summary>With nothing recorded the recorder still answers each checkpoint boundary (the scheduler tells it when one is reached).</summary>
    private void OnBoundary(long window)
    {
        if (!Tracked && _checkpoints is not null) _checkpoints.Collector.Tell(new RecorderCheckpointed(window, _sink.Mark()));
    }

    private void Guarded(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            _failed = true;
            _scheduler.Tell(new RunFailed($"the recorder could not write its outputs: {e.Message}", 0));
        }
    }
}
