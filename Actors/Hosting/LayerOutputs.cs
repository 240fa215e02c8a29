using Akka.Actor;
using EventSpike.Actors.Messages;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Hosting;

/// <summary>
/// Where a layer actor's windows go: its consumers, the recorder when the layer is recorded, its probes'
/// samples, and its report to the scheduler — directly in one process, or through its node's outbox on a
/// cluster (the report then rides to the coordinator in the node's bundle, after the window's recordings).
/// </summary>
public sealed class LayerOutputs(int layer, IActorRef scheduler)
{
    private IReadOnlyList<IActorRef> _consumers = [];
    private IActorRef? _outbox;
    private IActorRef? _recorder;
    private IActorRef? _probeRecorder;
    private IReadOnlyList<int> _probeIds = [];

    public void Wire(Wire w)
    {
        _consumers = w.Consumers;
        _outbox = w.Outbox;
        _recorder = w.Recorder;
        _probeRecorder = w.ProbeRecorder;
        _probeIds = w.ProbeIds ?? [];
    }

    /// <summary>Spikes in an output batch and its payload bytes, as window reports count them.</summary>
    public static (int Spikes, int Bytes) Measure(object output) => output switch
    {
        SpikeBatch s => (s.Count, 24 + 4 * (s.StepPtr.Length + s.Neurons.Length)),
        ContinuousBatch c => (0, 24 + 8 * c.Samples.Length),
        _ => throw new ArgumentException($"a backend gave {output.GetType().Name}, not a spike or sample batch"),
    };

    /// <summary>Sends window <paramref name="window"/>'s output and probe samples on, then its report.</summary>
    public void Publish(long window, WindowResult result, WindowDone report, IActorRef self)
    {
        foreach (var consumer in _consumers) consumer.Tell(result.Output, self);
        _recorder?.Tell(result.Output, self);
        List<ProbeBatch> probes = _probeIds.Count == 0 ? [] : result.Probes.Select(p => new ProbeBatch(_probeIds[p.Probe], p.Steps, p.Values)).ToList();
        foreach (var probe in probes) _probeRecorder?.Tell(probe, self);
        if (_outbox is not null) _outbox.Tell(new Cluster.LayerOutput(layer, window, result.Output, probes, report), self);
        else scheduler.Tell(report);
    }
}
