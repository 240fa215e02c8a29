using EventSpike.Neurons.Models;

namespace EventSpike.Neurons.Runtime;

/// <summary>
/// Advances one layer model on the step clock and routes spikes into it: the plain-loop core that
/// a layer actor hosts, and that tests and benchmarks drive directly.
///
/// Each incoming projection owns a ring of per-step input rows. Spikes are added to the row of
/// their arrival step (source step + delay) when they are delivered, in the order of the source's
/// steps and neurons; at each step the rows of all projections are summed per port in projection
/// order. Every floating-point sum therefore happens in an order fixed by the network, never by
/// message timing or window length: the same network gives the same bits however it is scheduled.
/// Recurrent projections are closed inside the engine, step by step.
/// </summary>
public sealed class LayerEngine
{
    private readonly Projection[] _projections;
    private readonly double[][] _rings;
    private readonly int[] _ringRows;
    private readonly double[][] _portInput;
    private readonly List<int> _spikes = new();
    private readonly int _size;

    /// <param name="model">The neurons.</param>
    /// <param name="projections">Incoming connections, in the network's fixed order.</param>
    /// <param name="horizonSteps">How far past the current step a delivered source step may be (external projections); its spikes may land that far plus the delay ahead.</param>
    /// <param name="startStep">The first step to integrate.</param>
    public LayerEngine(ILayerModel model, IReadOnlyList<Projection> projections, int horizonSteps, long startStep = 0)
    {
        if (horizonSteps < 1) throw new ArgumentOutOfRangeException(nameof(horizonSteps));
        Model = model;
        _size = model.Size;
        _projections = projections.ToArray();
        _rings = new double[_projections.Length][];
        _ringRows = new int[_projections.Length];
        for (var i = 0; i < _projections.Length; i++)
        {
            var p = _projections[i];
            if ((uint)p.Port >= (uint)model.Ports.Count)
                throw new ArgumentException($"projection {i} feeds port {p.Port}; {model.ClassName} has {model.Ports.Count} ports");
            if (p.Synapses.PostSize != _size)
                throw new ArgumentException($"projection {i} targets {p.Synapses.PostSize} neurons; the layer has {_size}");
            if (p.DelaySteps < 0) throw new ArgumentException($"projection {i} has a negative delay");
            if (p.Recurrent)
            {
                if (p.DelaySteps < 1) throw new ArgumentException($"recurrent projection {i} needs a delay of at least one step");
                if (p.Synapses.PreSize != _size) throw new ArgumentException($"recurrent projection {i} must be square");
            }
            _ringRows[i] = p.Recurrent ? p.DelaySteps + 1 : horizonSteps + p.DelaySteps;
            _rings[i] = new double[_ringRows[i] * _size];
        }
        _portInput = model.Ports.Select(_ => new double[_size]).ToArray();
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
        var p = _projections[projection];
        if (p.Recurrent) throw new InvalidOperationException("recurrent projections are closed by the engine itself");
        var steps = stepPtr.Length - 1;
        if (steps <= 0 || stepPtr[steps] == 0) return;
        var ring = _rings[projection];
        var rows = _ringRows[projection];
        var synapses = p.Synapses;
        for (var i = 0; i < steps; i++)
        {
            var from = stepPtr[i];
            var to = stepPtr[i + 1];
            if (from == to) continue;
            var arrival = firstStep + i + p.DelaySteps;
            if (arrival < Step || arrival >= Step + rows)
                throw new InvalidOperationException(
                    $"spikes for step {arrival} delivered at step {Step}: outside the engine's horizon of {rows} steps");
            var row = ring.AsSpan((int)(arrival % rows) * _size, _size);
            for (var s = from; s < to; s++) synapses.AccumulateRow(neurons[s], row);
        }
    }

    /// <summary>Integrates <paramref name="steps"/> steps; the spikes go to <paramref name="output"/> when given.</summary>
    public void Evolve(int steps, SpikeWindowBuilder? output = null)
    {
        output?.Begin(Step);
        for (var k = 0; k < steps; k++)
        {
            var t = Step;
            foreach (var input in _portInput) Array.Clear(input);
            for (var i = 0; i < _projections.Length; i++)
            {
                var row = _rings[i].AsSpan((int)(t % _ringRows[i]) * _size, _size);
                var target = _portInput[_projections[i].Port].AsSpan();
                for (var j = 0; j < row.Length; j++) target[j] += row[j];
                row.Clear();
            }

            _spikes.Clear();
            Model.Step(t, _portInput, _spikes);

            if (_spikes.Count > 0)
            {
                for (var i = 0; i < _projections.Length; i++)
                {
                    var p = _projections[i];
                    if (!p.Recurrent) continue;
                    var row = _rings[i].AsSpan((int)((t + p.DelaySteps) % _ringRows[i]) * _size, _size);
                    foreach (var pre in _spikes) p.Synapses.AccumulateRow(pre, row);
                }
            }
            output?.AddStep(_spikes);
            Step = t + 1;
        }
    }

    /// <summary>Resets the model's state and drops every spike in flight; the clock goes back to <paramref name="step"/>.</summary>
    public void Reset(long step = 0)
    {
        Model.ResetState();
        foreach (var ring in _rings) Array.Clear(ring);
        Step = step;
    }
}
