using EventSpike.Neurons.Models;

namespace EventSpike.Neurons.Runtime;

/// <summary>
/// Advances one layer model on the step clock and routes input into it: the plain-loop core that
/// a layer actor hosts, and that tests and benchmarks drive directly.
///
/// Each incoming projection owns a ring of per-step input rows (one slot per channel of the port it
/// feeds). Spikes, or samples times weights, are added to the row of their arrival step (source
/// step + delay) when they are delivered, in the order of the source's steps and channels; at each
/// step the rows of all projections are summed per port in projection order. Every floating-point
/// sum therefore happens in an order fixed by the network, never by message timing or window
/// length: the same network gives the same bits however it is scheduled. Recurrent projections are
/// closed inside the engine, step by step.
/// </summary>
public sealed class LayerEngine
{
    private readonly Projection[] _projections;
    private readonly double[][] _rings;
    private readonly int[] _ringRows;
    private readonly int[] _width;
    private readonly double[][] _portInput;
    private readonly List<int> _spikes = new();

    /// <param name="model">The neurons.</param>
    /// <param name="projections">Incoming connections, in the network's fixed order.</param>
    /// <param name="horizonSteps">How far past the current step a delivered source step may be (external projections); its input may land that far plus the delay ahead.</param>
    /// <param name="startStep">The first step to integrate.</param>
    public LayerEngine(ILayerModel model, IReadOnlyList<Projection> projections, int horizonSteps, long startStep = 0)
    {
        if (horizonSteps < 1) throw new ArgumentOutOfRangeException(nameof(horizonSteps));
        Model = model;
        _projections = projections.ToArray();
        _rings = new double[_projections.Length][];
        _ringRows = new int[_projections.Length];
        _width = new int[_projections.Length];
        for (var i = 0; i < _projections.Length; i++)
        {
            var p = _projections[i];
            if ((uint)p.Port >= (uint)model.Ports.Count)
                throw new ArgumentException($"projection {i} feeds port {p.Port}; {model.ClassName} has {model.Ports.Count} ports");
            _width[i] = model.Ports[p.Port].Width;
            if (p.Synapses.PostSize != _width[i])
                throw new ArgumentException($"projection {i} targets {p.Synapses.PostSize} channels; port '{model.Ports[p.Port].Name}' has {_width[i]}");
            if (p.DelaySteps < 0) throw new ArgumentException($"projection {i} has a negative delay");
            if (p.Recurrent)
            {
                if (p.DelaySteps < 1) throw new ArgumentException($"recurrent projection {i} needs a delay of at least one step");
                if (p.Synapses.PreSize != model.Size) throw new ArgumentException($"recurrent projection {i} must start from the layer's {model.Size} outputs");
            }
            _ringRows[i] = p.Recurrent ? p.DelaySteps + 1 : horizonSteps + p.DelaySteps;
            _rings[i] = new double[_ringRows[i] * _width[i]];
        }
        _portInput = model.Ports.Select(p => new double[p.Width]).ToArray();
        Step = startStep;
    }

    public ILayerModel Model { get; }

    /// <summary>The next step to integrate.</summary>
    public long Step { get; private set; }

    public IReadOnlyList<Projection> Projections => _projections;

    /// <summary>
    /// Delivers a window of source spikes to external projection <paramref name="projection"/>:
    /// the spikes of source step <c>firstStep + i</c> are <c>neurons[stepPtr[i]..stepPtr[i+1])</c>.
    /// </summary>
    public void Deliver(int projection, long firstStep, ReadOnlySpan<int> stepPtr, ReadOnlySpan<int> neurons)
    {
        var p = External(projection);
        var steps = stepPtr.Length - 1;
        if (steps <= 0 || stepPtr[steps] == 0) return;
        for (var i = 0; i < steps; i++)
        {
            var from = stepPtr[i];
            var to = stepPtr[i + 1];
            if (from == to) continue;
            var row = Row(projection, firstStep + i + p.DelaySteps);
            for (var s = from; s < to; s++) p.Synapses.AccumulateRow(neurons[s], row);
        }
    }

    /// <summary>
    /// Delivers a window of continuous source samples (<c>samples[i·channels + c]</c> = channel c at
    /// source step firstStep + i) to external projection <paramref name="projection"/>: each sample is
    /// multiplied by its synapses' weights.
    /// </summary>
    public void DeliverSamples(int projection, long firstStep, int channels, ReadOnlySpan<double> samples)
    {
        var p = External(projection);
        if (channels != p.Synapses.PreSize) throw new ArgumentException($"projection {projection} takes {p.Synapses.PreSize} channels, got {channels}");
        var steps = samples.Length / channels;
        for (var i = 0; i < steps; i++)
        {
            var row = Row(projection, firstStep + i + p.DelaySteps);
            var values = samples.Slice(i * channels, channels);
            for (var c = 0; c < channels; c++)
                if (values[c] != 0) p.Synapses.AccumulateRow(c, row, values[c]);
        }
    }

    /// <summary>Integrates <paramref name="steps"/> steps; spikes or samples go to the builders given.</summary>
    public void Evolve(int steps, SpikeWindowBuilder? spikes = null, ContinuousWindowBuilder? samples = null)
    {
        var continuous = Model.OutputKind == SignalKind.Continuous;
        spikes?.Begin(Step);
        samples?.Begin(Step, Model.Size);
        for (var k = 0; k < steps; k++)
        {
            var t = Step;
            foreach (var input in _portInput) Array.Clear(input);
            for (var i = 0; i < _projections.Length; i++)
            {
                var row = _rings[i].AsSpan((int)(t % _ringRows[i]) * _width[i], _width[i]);
                var target = _portInput[_projections[i].Port].AsSpan();
                for (var j = 0; j < row.Length; j++) target[j] += row[j];
                row.Clear();
            }

            _spikes.Clear();
            Model.Step(t, _portInput, _spikes);

            for (var i = 0; i < _projections.Length; i++)
            {
                var p = _projections[i];
                if (!p.Recurrent) continue;
                var row = _rings[i].AsSpan((int)((t + p.DelaySteps) % _ringRows[i]) * _width[i], _width[i]);
                if (continuous)
                {
                    var output = Model.Output;
                    for (var c = 0; c < output.Length; c++)
                        if (output[c] != 0) p.Synapses.AccumulateRow(c, row, output[c]);
                }
                else
                    foreach (var pre in _spikes) p.Synapses.AccumulateRow(pre, row);
            }
            spikes?.AddStep(_spikes);
            if (continuous) samples?.AddStep(Model.Output);
            Step = t + 1;
        }
    }

    /// <summary>Resets the model's state and drops every input in flight; the clock goes back to <paramref name="step"/>.</summary>
    public void Reset(long step = 0)
    {
        Model.ResetState();
        foreach (var ring in _rings) Array.Clear(ring);
        Step = step;
    }

    private Projection External(int projection)
    {
        var p = _projections[projection];
        if (p.Recurrent) throw new InvalidOperationException("recurrent projections are closed by the engine itself");
        return p;
    }

    private Span<double> Row(int projection, long arrival)
    {
        var rows = _ringRows[projection];
        if (arrival < Step || arrival >= Step + rows)
            throw new InvalidOperationException(
                $"input for step {arrival} delivered at step {Step}: outside the engine's horizon of {rows} steps");
        return _rings[projection].AsSpan((int)(arrival % rows) * _width[projection], _width[projection]);
    }
}
