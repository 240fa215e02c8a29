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
    private readonly Queue<SpikeBatch>[] _pending;
    private readonly Dictionary<int, long> _received = new();
    private readonly SpikeWindowBuilder _builder = new();
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
        _pending = inputs.Select(_ => new Queue<SpikeBatch>()).ToArray();
        foreach (var input in inputs) _received[input.SourceLayer] = -1;

        Receive<Wire>(w =>
        {
            _consumers = w.Consumers;
            _recorder = w.Recorder;
        });
        Receive<SpikeBatch>(OnBatch);
        Receive<WindowGranted>(g =>
        {
            _granted = g.Window;
            _grantedAt = Stopwatch.GetTimestamp();
            TryRun();
        });
    }

    public static Props Props(int layer, LayerEngine engine, WindowPlan plan, IReadOnlyList<LayerInput> inputs, IActorRef scheduler) =>
        Akka.Actor.Props.Create(() => new LayerActor(layer, engine, plan, inputs, scheduler));

    private void OnBatch(SpikeBatch batch)
    {
        for (var i = 0; i < _inputs.Count; i++)
            if (_inputs[i].SourceLayer == batch.SourceLayer) _pending[i].Enqueue(batch);
        _received[batch.SourceLayer] = _plan.WindowOf(batch.StartStep);
        TryRun();
    }

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
                while (queue.Count > 0 && _plan.WindowOf(queue.Peek().StartStep) <= required)
                {
                    var b = queue.Dequeue();
                    _engine.Deliver(_inputs[i].Projection, b.StartStep, b.StepPtr, b.Neurons);
                }
            }
            var steps = _plan.StepsIn(window);
            _engine.Evolve(steps, _builder);
        }
        catch (Exception e)
        {
            _scheduler.Tell(new RunFailed($"layer {_layer} failed in window {window}: {e.Message}", _plan.StartOf(window)));
            return;
        }

        var batch = new SpikeBatch(_layer, _plan.StartOf(window), _plan.StepsIn(window), _builder.ToStepPointers(), _builder.ToNeurons());
        foreach (var consumer in _consumers) consumer.Tell(batch, Self);
        _recorder?.Tell(batch, Self);
        var done = Stopwatch.GetTimestamp();
        _next = window + 1;
        _scheduler.Tell(new WindowDone(_layer, window, batch.Count,
            Stopwatch.GetElapsedTime(ready, done).TotalSeconds, Stopwatch.GetElapsedTime(_grantedAt, ready).TotalSeconds));
    }
}
