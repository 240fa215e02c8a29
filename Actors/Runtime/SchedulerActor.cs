using Akka.Actor;
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
public sealed class SchedulerActor : ReceiveActor
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

    /// <param name="plan">The windows.</param>
    /// <param name="consumers">For each layer, the layers it feeds (itself excluded).</param>
    /// <param name="credit">How many windows a layer may run ahead of its slowest consumer (≥ 1).</param>
    /// <param name="progress">Called with the number of steps every layer has completed, as it grows.</param>
    public SchedulerActor(WindowPlan plan, IReadOnlyList<IReadOnlyList<int>> consumers, int credit, Action<long>? progress)
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

        Receive<StartRun>(start =>
        {
            _layers = start.Layers;
            _recorder = start.Recorder;
            _requester = Sender;
            for (var l = 0; l < _layers.Count; l++) TryGrant(l);
        });
        Receive<WindowDone>(OnWindowDone);
        Receive<RunFailed>(failed =>
        {
            _requester.Tell(failed with { StepsReached = StepsDone() });
            Become(Failed);
        });
    }

    public static Props Props(WindowPlan plan, IReadOnlyList<IReadOnlyList<int>> consumers, int credit, Action<long>? progress) =>
        Akka.Actor.Props.Create(() => new SchedulerActor(plan, consumers, credit, progress));

    private void OnWindowDone(WindowDone done)
    {
        var l = done.Layer;
        if (done.Window != _done[l] + 1 || done.Window != _granted[l])
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
        };
        TryGrant(l);
        foreach (var p in _producers[l]) TryGrant(p);

        var steps = StepsDone();
        if (steps > _reported)
        {
            _reported = steps;
            _progress?.Invoke(steps);
        }
        if (_done.All(d => d == _plan.WindowCount - 1))
        {
            _recorder.Tell(new FinishRecording());
            Become(Finishing);
        }
    }

    /// <summary>Grants the next window to layer <paramref name="l"/> if it has reported the last one and its credit allows.</summary>
    private void TryGrant(int l)
    {
        var next = _done[l] + 1;
        if (_granted[l] >= next || next >= _plan.WindowCount) return;
        foreach (var k in _consumers[l])
            if (_done[k] < next - _credit) return;
        _granted[l] = next;
        _layers[l].Tell(new WindowGranted(next));
    }

    private long StepsDone()
    {
        var min = _done.Length == 0 ? _plan.WindowCount - 1 : _done.Min();
        return min < 0 ? 0 : Math.Min(_plan.TotalSteps, _plan.StartOf(min) + _plan.StepsIn(min));
    }

    private void Finishing()
    {
        Receive<RecordingFinished>(_ =>
        {
            _requester.Tell(new RunCompleted(_plan.TotalSteps, _plan.WindowCount, _stats));
            Become(Failed);
        });
        Receive<RunFailed>(failed =>
        {
            _requester.Tell(failed with { StepsReached = _plan.TotalSteps });
            Become(Failed);
        });
    }

    /// <summary>After the end (or a failure) every message is ignored.</summary>
    private void Failed() => ReceiveAny(_ => { });
}
