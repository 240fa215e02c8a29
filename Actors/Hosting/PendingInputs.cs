using EventSpike.Actors.Checkpoints;
using EventSpike.Actors.Runtime;
using EventSpike.Routing.Messages;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Hosting;

/// <summary>
/// The sender batches a layer has received and not yet handed to its backend, one queue per input in
/// delivery order, and the newest window heard from each sender. It says when a window's inputs are
/// all in, hands over exactly the batches a window needs, and gives what a checkpoint must keep.
/// </summary>
public sealed class PendingInputs
{
    private readonly IReadOnlyList<LayerInput> _inputs;
    private readonly WindowPlan _plan;
    private readonly Queue<object>[] _queues;
    private readonly Dictionary<int, long> _received = new();

    public PendingInputs(IReadOnlyList<LayerInput> inputs, WindowPlan plan)
    {
        _inputs = inputs;
        _plan = plan;
        _queues = inputs.Select(_ => new Queue<object>()).ToArray();
        foreach (var input in inputs) _received[input.SourceLayer] = -1;
    }

    /// <summary>The most batches ever held at once.</summary>
    public int MaxQueued { get; private set; }

    public int Queued => _queues.Sum(q => q.Count);

    /// <summary>Continues from a checkpoint at <paramref name="window"/>: the batches it kept are waiting again.</summary>
    public void Resume(LayerState state, long window)
    {
        foreach (var input in _inputs) _received[input.SourceLayer] = window - 1;
        for (var i = 0; i < state.PendingSpikes.Length; i++) _queues[state.PendingSpikeInputs[i]].Enqueue(state.PendingSpikes[i]);
        for (var i = 0; i < state.PendingSamples.Length; i++) _queues[state.PendingSampleInputs[i]].Enqueue(state.PendingSamples[i]);
    }

    public void Add(object batch, int source, long startStep)
    {
        for (var i = 0; i < _inputs.Count; i++)
            if (_inputs[i].SourceLayer == source) _queues[i].Enqueue(batch);
        _received[source] = _plan.WindowOf(startStep);
        MaxQueued = Math.Max(MaxQueued, Queued);
    }

    /// <summary>Whether every sender window that can reach <paramref name="window"/> is here.</summary>
    public bool ReadyFor(long window)
    {
        foreach (var input in _inputs)
            if (_received[input.SourceLayer] < _plan.RequiredSenderWindow(window, input.DelaySteps)) return false;
        return true;
    }

    /// <summary>Whether every sender has sent every window before <paramref name="window"/> (a checkpoint loses none then).</summary>
    public bool AllBefore(long window) => _received.Values.All(r => r >= window - 1);

    /// <summary>Hands <paramref name="backend"/> the batches window <paramref name="window"/> needs, in delivery order.</summary>
    public void DeliverFor(long window, IWindowBackend backend)
    {
        for (var i = 0; i < _inputs.Count; i++)
        {
            var required = _plan.RequiredSenderWindow(window, _inputs[i].DelaySteps);
            var queue = _queues[i];
            while (queue.Count > 0 && _plan.WindowOf(StartOf(queue.Peek())) <= required)
                Deliver(backend, i, queue.Dequeue());
        }
    }

    /// <summary>Hands every waiting batch to <paramref name="backend"/> (after the last window: spikes whose delay carries them past the run).</summary>
    public void DeliverAll(IWindowBackend backend)
    {
        for (var i = 0; i < _inputs.Count; i++)
            while (_queues[i].Count > 0) Deliver(backend, i, _queues[i].Dequeue());
    }

    /// <summary>The batches a checkpoint at <paramref name="window"/> keeps (those of later windows are computed again after a resume).</summary>
    public (SpikeBatch[] Spikes, int[] SpikeInputs, ContinuousBatch[] Samples, int[] SampleInputs) Capture(long window)
    {
        var spikes = new List<SpikeBatch>();
        var spikeInputs = new List<int>();
        var samples = new List<ContinuousBatch>();
        var sampleInputs = new List<int>();
        for (var i = 0; i < _queues.Length; i++)
            foreach (var b in _queues[i])
            {
                if (_plan.WindowOf(StartOf(b)) >= window) continue;
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
        return (spikes.ToArray(), spikeInputs.ToArray(), samples.ToArray(), sampleInputs.ToArray());
    }

    private void Deliver(IWindowBackend backend, int input, object batch)
    {
        switch (batch)
        {
            case SpikeBatch b: backend.Deliver(_inputs[input], b); break;
            case ContinuousBatch c: backend.Deliver(_inputs[input], c); break;
        }
    }

    private static long StartOf(object batch) => batch switch
    {
        SpikeBatch s => s.StartStep,
        ContinuousBatch c => c.StartStep,
        _ => throw new ArgumentException("not a batch"),
    };
}
