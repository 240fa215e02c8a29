namespace EventSpike.Neurons.Series;

/// <summary>
/// Collects the spikes of consecutive step windows into a <see cref="TSEvent"/> (a layer's recording).
/// A spike of step k is stamped t0 + (k+1)·dt (CONTRACT: a spike produced while integrating step k
/// carries the end of that step), computed from the integer step, never accumulated.
/// The series spans [t0 + first step·dt, t0 + end step·dt] and has <c>numChannels</c> channels.
/// </summary>
public sealed class TSEventBuilder(double dt, int numChannels, double t0 = 0, string name = "unnamed")
{
    private readonly List<double> _times = new();
    private readonly List<int> _channels = new();
    private long? _firstStep;
    private long _endStep;

    /// <summary>Number of spikes added so far.</summary>
    public int Count => _times.Count;

    /// <summary>
    /// Adds a window: the neurons that spiked at step <c>startStep + i</c> are
    /// <c>neurons[stepPtr[i]..stepPtr[i+1])</c>. Windows must come in step order without overlap.
    /// </summary>
    public void AddWindow(long startStep, ReadOnlySpan<int> stepPtr, ReadOnlySpan<int> neurons)
    {
        var steps = stepPtr.Length - 1;
        if (steps < 0) throw new ArgumentException("stepPtr needs at least one entry", nameof(stepPtr));
        if (_firstStep is not null && startStep < _endStep)
            throw new ArgumentException($"window starting at step {startStep} overlaps the previous one (ended at {_endStep})");
        _firstStep ??= startStep;
        for (var i = 0; i < steps; i++)
        {
            var time = t0 + (startStep + i + 1) * dt;
            for (var k = stepPtr[i]; k < stepPtr[i + 1]; k++)
            {
                var n = neurons[k];
                if ((uint)n >= (uint)numChannels)
                    throw new ArgumentOutOfRangeException(nameof(neurons), n, $"neuron {n} is not in 0..{numChannels - 1}");
                _times.Add(time);
                _channels.Add(n);
            }
        }
        _endStep = startStep + steps;
    }

    /// <summary>Adds a window given as <see cref="SpikeRows"/>.</summary>
    public void AddWindow(SpikeRows rows) => AddWindow(rows.StartStep, rows.StepPtr, rows.Neurons);

    /// <summary>
    /// The recording so far. <paramref name="endStep"/> (default: the end of the last window) sets t_stop = t0 + endStep·dt.
    /// </summary>
    public TSEvent Build(long? endStep = null)
    {
        var first = _firstStep ?? 0;
        var end = endStep ?? _endStep;
        return new TSEvent(_times.ToArray(), _channels.ToArray(), false, t0 + first * dt, t0 + Math.Max(end, first) * dt, name,
            numChannels, true);
    }
}
