using System.Diagnostics;
using Akka.Actor;
using EventSpike.Actors.Messages;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// Hosts one layer's <see cref="LayerEngine"/>. It computes window w once the scheduler has
/// granted it and every sender's window that can reach it has arrived; then it sends its spikes
/// to its consumers (and the recorder) and reports <see cref="WindowDone"/>. Any layer model runs
/// here without special cases.
/// </summary>
public sealed class LayerActor : ReceiveActor
{
    private readonly int _layer;
    private readonly LayerEngine _engine;
    private readonly WindowPlan _plan;
    private readonly IReadOnlyList<LayerInput> _inputs;
    private readonly IActorRef _scheduler;
    private readonly Queue<object>[] _pending;
    private readonly Dictionary<int, long> _received = new();
    private readonly SpikeWindowBuilder _builder = new();
    private readonly ContinuousWindowBuilder _samples = new();
    private readonly bool _continuous;
    private IReadOnlyList<IActorRef> _consumers = [];
    private IActorRef? _recorder;
    private long _granted = -1;
    private long _next;
    private long _grantedAt;

    public LayerActor(int layer, LayerEngine engine, WindowPlan plan, IReadOnlyList<LayerInput> inputs, IActorRef scheduler)
    {
        _layer = layer;
        _engine = engine;
        _plan = plan;
        _inputs = inputs;
        _scheduler = scheduler;
        _pending = inputs.Select(_ => new Queue<object>()).ToArray();
        _continuous = engine.Model.OutputKind == Neurons.Models.SignalKind.Continuous;
        foreach (var input in inputs) _received[input.SourceLayer] = -1;

        Receive<Wire>(w =>
        {
            _consumers = w.Consumers;
            _recorder = w.Recorder;
        });
        Receive<SpikeBatch>(b => OnBatch(b, b.SourceLayer, b.StartStep));
        Receive<ContinuousBatch>(b => OnBatch(b, b.SourceLayer, b.StartStep));
        Receive<WindowGranted>(g =>
        {
            _granted = g.Window;
            _grantedAt = Stopwatch.GetTimestamp();
            TryRun();
        });
    }

    public static Props Props(int layer, LayerEngine engine, WindowPlan plan, IReadOnlyList<LayerInput> inputs, IActorRef scheduler) =>
        Akka.Actor.Props.Create(() => new LayerActor(layer, engine, plan, inputs, scheduler));

    private void OnBatch(object batch, int source, long startStep)
    {
        for (var i = 0; i < _inputs.Count; i++)
            if (_inputs[i].SourceLayer == source) _pending[i].Enqueue(batch);
        _received[source] = _plan.WindowOf(startStep);
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

    private void TryRun()
    {
        if (_next > _granted || _next >= _plan.WindowCount || !InputsReady(_next)) return;
        var ready = Stopwatch.GetTimestamp();
        var window = _next;
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
                            _engine.Deliver(_inputs[i].Projection, b.StartStep, b.StepPtr, b.Neurons);
                            break;
                        case ContinuousBatch c:
                            _engine.DeliverSamples(_inputs[i].Projection, c.StartStep, c.Channels, c.Samples);
                            break;
                    }
                }
            }
            var steps = _plan.StepsIn(window);
            _engine.Evolve(steps, _builder, _samples);
        }
        catch (Exception e)
        {
            _scheduler.Tell(new RunFailed($"layer {_layer} failed in window {window}: {e.Message}", _plan.StartOf(window)));
            return;
        }

        object batch;
        var spikes = 0;
        if (_continuous)
            batch = new ContinuousBatch(_layer, _plan.StartOf(window), _plan.StepsIn(window), _samples.Channels, _samples.ToSamples());
        else
        {
            var s = new SpikeBatch(_layer, _plan.StartOf(window), _plan.StepsIn(window), _builder.ToStepPointers(), _builder.ToNeurons());
            spikes = s.Count;
            batch = s;
        }
        foreach (var consumer in _consumers) consumer.Tell(batch, Self);
        _recorder?.Tell(batch, Self);
        var done = Stopwatch.GetTimestamp();
        _next = window + 1;
        _scheduler.Tell(new WindowDone(_layer, window, spikes,
            Stopwatch.GetElapsedTime(ready, done).TotalSeconds, Stopwatch.GetElapsedTime(_grantedAt, ready).TotalSeconds));
    }
}
