using System.Diagnostics;
using Akka.Actor;
using EventSpike.Actors.Checkpoints;
using EventSpike.Actors.Messages;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// Hosts one layer's <see cref="LayerEngine"/>. It computes window w once the scheduler has
/// granted it and every sender's window that can reach it has arrived; then it sends its output
/// to its consumers (and the recorder) and reports <see cref="WindowDone"/>. Any layer model runs
/// here without special cases. At a checkpoint boundary it first waits for every sender window
/// before the boundary, then hands its complete state to the checkpoint actor.
/// </summary>
public sealed class LayerActor : ReceiveActor
{
    private readonly int _layer;
    private readonly LayerEngine _engine;
    private readonly WindowPlan _plan;
    private readonly IReadOnlyList<LayerInput> _inputs;
    private readonly IActorRef _scheduler;
    private readonly CheckpointSettings? _checkpoints;
    private readonly Queue<object>[] _pending;
    private readonly Dictionary<int, long> _received = new();
    private readonly SpikeWindowBuilder _builder = new();
    private readonly ContinuousWindowBuilder _samples = new();
    private readonly bool _continuous;
    private IReadOnlyList<IActorRef> _consumers = [];
    private IActorRef? _outbox;
    private IActorRef? _recorder;
    private IActorRef? _probeRecorder;
    private IReadOnlyList<int> _probeIds = [];
    private long _granted = -1;
    private long _next;
    private long _grantedAt;
    private long _checkpointed = -1;
    private long _forced = -1;
    private long _spikes;
    private int _maxQueued;
    private double _computeSeconds, _waitSeconds;

    public LayerActor(int layer, LayerEngine engine, WindowPlan plan, IReadOnlyList<LayerInput> inputs, IActorRef scheduler,
        CheckpointSettings? checkpoints = null, LayerState? resume = null)
    {
        _layer = layer;
        _engine = engine;
        _plan = plan;
        _inputs = inputs;
        _scheduler = scheduler;
        _checkpoints = checkpoints;
        _pending = inputs.Select(_ => new Queue<object>()).ToArray();
        _continuous = engine.Model.OutputKind == Neurons.Models.SignalKind.Continuous;
        foreach (var input in inputs) _received[input.SourceLayer] = -1;
        if (resume is not null) Resume(resume);

        Receive<Wire>(w =>
        {
            _consumers = w.Consumers;
            _outbox = w.Outbox;
            _recorder = w.Recorder;
            _probeRecorder = w.ProbeRecorder;
            _probeIds = w.ProbeIds ?? [];
        });
        Receive<SpikeBatch>(b => OnBatch(b, b.SourceLayer, b.StartStep));
        Receive<ContinuousBatch>(b => OnBatch(b, b.SourceLayer, b.StartStep));
        Receive<CheckpointAt>(c =>
        {
            _forced = c.Window;
            TryRun();
        });
        Receive<DrainInputs>(_ =>
        {
            try
            {
                for (var i = 0; i < _inputs.Count; i++)
                    while (_pending[i].Count > 0)
                        switch (_pending[i].Dequeue())
                        {
                            case SpikeBatch b: _engine.Deliver(_inputs[i].Projection, b.StartStep, b.StepPtr, b.Neurons, _inputs[i].RowOffset); break;
                            case ContinuousBatch c: _engine.DeliverSamples(_inputs[i].Projection, c.StartStep, c.Channels, c.Samples); break;
                        }
                Sender.Tell(new InputsDrained(_layer));
            }
            catch (Exception e)
            {
                Sender.Tell(new RunFailed($"layer {_layer} could not keep its inputs past the end: {e.Message}", _plan.TotalSteps));
            }
        });
        Receive<WindowGranted>(g =>
        {
            _granted = g.Window;
            _grantedAt = Stopwatch.GetTimestamp();
            TryRun();
        });
    }

    public static Props Props(int layer, LayerEngine engine, WindowPlan plan, IReadOnlyList<LayerInput> inputs, IActorRef scheduler,
        CheckpointSettings? checkpoints = null, LayerState? resume = null) =>
        Akka.Actor.Props.Create(() => new LayerActor(layer, engine, plan, inputs, scheduler, checkpoints, resume));

    /// <summary>Continues from a checkpoint: the engine is already restored; windows before the boundary are done.</summary>
    private void Resume(LayerState state)
    {
        var window = _plan.WindowOf(state.Step);
        _next = window;
        _granted = window - 1;
        _checkpointed = window;
        foreach (var input in _inputs) _received[input.SourceLayer] = window - 1;
        for (var i = 0; i < state.PendingSpikes.Length; i++) _pending[state.PendingSpikeInputs[i]].Enqueue(state.PendingSpikes[i]);
        for (var i = 0; i < state.PendingSamples.Length; i++) _pending[state.PendingSampleInputs[i]].Enqueue(state.PendingSamples[i]);
        _spikes = state.Spikes;
        _computeSeconds = state.ComputeSeconds;
        _waitSeconds = state.WaitSeconds;
    }

    private void OnBatch(object batch, int source, long startStep)
    {
        for (var i = 0; i < _inputs.Count; i++)
            if (_inputs[i].SourceLayer == source) _pending[i].Enqueue(batch);
        _received[source] = _plan.WindowOf(startStep);
        _maxQueued = Math.Max(_maxQueued, _pending.Sum(q => q.Count));
        TryRun();
    }

    private static long StartOf(object batch) => batch switch
    {
        SpikeBatch s => s.StartStep,
        ContinuousBatch c => c.StartStep,
        _ => throw new ArgumentException("not a batch"),
    };

    private bool InputsReady(long window)
    {
        foreach (var input in _inputs)
            if (_received[input.SourceLayer] < _plan.RequiredSenderWindow(window, input.DelaySteps)) return false;
        return true;
    }

    /// <summary>Runs every window that is granted and has its inputs, one after another.</summary>
    private void TryRun()
    {
        while (RunOne())
        {
        }
    }

    /// <summary>Runs the next window if it can; false when it cannot (yet).</summary>
    private bool RunOne()
    {
        if (_checkpoints is not null && _forced == _next && _checkpointed < _next && _received.Values.All(r => r >= _next - 1))
        {
            _checkpoints.Collector.Tell(new LayerCheckpointed(_next, Capture(_next)));
            _checkpointed = _next;
        }
        if (_forced >= 0 && _next >= _forced) return false;
        if (_next > _granted || _next >= _plan.WindowCount || !InputsReady(_next)) return false;
        var window = _next;
        if (_checkpoints is not null && _checkpointed < window && _checkpoints.IsBoundary(window, _plan.WindowCount))
        {
            // Every sender window before the boundary must be here, so none is lost on resume.
            if (_received.Values.Any(r => r < window - 1)) return false;
            _checkpoints.Collector.Tell(new LayerCheckpointed(window, Capture(window)));
            _checkpointed = window;
        }
        var ready = Stopwatch.GetTimestamp();
        try
        {
            for (var i = 0; i < _inputs.Count; i++)
            {
                var required = _plan.RequiredSenderWindow(window, _inputs[i].DelaySteps);
                var queue = _pending[i];
                while (queue.Count > 0 && _plan.WindowOf(StartOf(queue.Peek())) <= required)
                {
                    switch (queue.Dequeue())
                    {
                        case SpikeBatch b:
                            _engine.Deliver(_inputs[i].Projection, b.StartStep, b.StepPtr, b.Neurons, _inputs[i].RowOffset);
                            break;
                        case ContinuousBatch c:
                            _engine.DeliverSamples(_inputs[i].Projection, c.StartStep, c.Channels, c.Samples);
                            break;
                    }
                }
            }
            _engine.Evolve(_plan.StepsIn(window), _builder, _samples);
        }
        catch (Exception e)
        {
            _scheduler.Tell(new RunFailed($"layer {_layer} failed in window {window}: {e.Message}", _plan.StartOf(window)));
            return false;
        }

        object batch;
        var spikes = 0;
        var bytes = 0;
        if (_continuous)
        {
            var c = new ContinuousBatch(_layer, _plan.StartOf(window), _plan.StepsIn(window), _samples.Channels, _samples.ToSamples());
            bytes = 24 + 8 * c.Samples.Length;
            batch = c;
        }
        else
        {
            var s = new SpikeBatch(_layer, _plan.StartOf(window), _plan.StepsIn(window), _builder.ToStepPointers(), _builder.ToNeurons());
            spikes = s.Count;
            bytes = 24 + 4 * (s.StepPtr.Length + s.Neurons.Length);
            batch = s;
        }
        foreach (var consumer in _consumers) consumer.Tell(batch, Self);
        _recorder?.Tell(batch, Self);
        List<ProbeBatch> probes = _probeIds.Count == 0 ? [] : _engine.TakeProbeWindows().Select(p => new ProbeBatch(_probeIds[p.Probe], p.Steps, p.Values)).ToList();
        foreach (var probe in probes) _probeRecorder?.Tell(probe, Self);
        var done = Stopwatch.GetTimestamp();
        _next = window + 1;
        var compute = Stopwatch.GetElapsedTime(ready, done).TotalSeconds;
        var wait = Stopwatch.GetElapsedTime(_grantedAt, ready).TotalSeconds;
        if (_granted >= _next) _grantedAt = done; // the next window is granted already: its wait starts now
        _spikes += spikes;
        _computeSeconds += compute;
        _waitSeconds += wait;
        var report = new WindowDone(_layer, window, spikes, compute, wait, _maxQueued, bytes);
        // On a cluster the report rides to the coordinator in the node's bundle, after the window's recordings.
        if (_outbox is not null) _outbox.Tell(new Cluster.LayerOutput(_layer, window, batch, probes, report), Self);
        else _scheduler.Tell(report);
        // The next window may be granted with its inputs in, or be a forced stop (Ctrl-C) that needs
        // no further message to hand in the state: the caller tries again.
        return true;
    }

    /// <summary>The layer's state at the start of <paramref name="window"/>: engine, undelivered sender batches, totals.</summary>
    private LayerState Capture(long window)
    {
        var snapshot = _engine.Snapshot();
        var spikes = new List<SpikeBatch>();
        var spikeInputs = new List<int>();
        var samples = new List<ContinuousBatch>();
        var sampleInputs = new List<int>();
        for (var i = 0; i < _pending.Length; i++)
            foreach (var b in _pending[i])
            {
                if (_plan.WindowOf(StartOf(b)) >= window) continue; // senders compute these again after a resume
                if (b is SpikeBatch s)
                {
                    spikes.Add(s);
                    spikeInputs.Add(i);
                }
                else if (b is ContinuousBatch c)
                {
                    samples.Add(c);
                    sampleInputs.Add(i);
                }
            }
        return new LayerState(_layer, snapshot.Step, new Dictionary<string, double[]>(snapshot.State), snapshot.Random, snapshot.Rings,
            spikes.ToArray(), spikeInputs.ToArray(), samples.ToArray(), sampleInputs.ToArray(), _spikes, _computeSeconds, _waitSeconds);
    }
}
