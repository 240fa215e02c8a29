using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Models;

namespace EventSpike.Neurons.Runtime;

/// <summary>
/// Advances one layer model on the step clock and routes input into it: the plain-loop core that
/// a layer actor hosts, and that tests and benchmarks drive directly.
///
/// Each incoming projection owns a ring of per-step input rows (one slot per channel of the port it
/// feeds). Spikes, or samples times weights, are added to the row of their arrival step (source
/// step + delay) when they are delivered, in the order of the source's steps and channels; at each
/// step the rows of all projections feeding a port are summed in projection order (a port fed by
/// one projection reads its row directly). Every floating-point sum therefore happens in an order
/// fixed by the network, never by message timing, window length or partitioning: the same network
/// gives the same bits however it is scheduled or split. Recurrent projections are closed inside
/// the engine, step by step.
///
/// A large layer whose model is an <see cref="IPartitionedModel"/> is split into neuron ranges that
/// run on the <see cref="KernelPool"/>: each range integrates its neurons, then adds every spike of
/// the step to its own targets (recurrent tables are split by target range), so no two threads
/// ever write the same value and each target's sum keeps the unsplit order.
///
/// A projection whose table has per-synapse delays (<see cref="SynapseTable.HasDelays"/>) keeps a ring
/// as long as its longest delay (plus the horizon): a spike adds each synapse's fixed-point weight q (a
/// whole number) to the row of its own arrival step, and such rows are cleared whole. Sums of whole numbers
/// are exact in doubles, so a row's value does not depend on the order spikes of different source steps or
/// shards arrive in; it is scaled by the table's weight scale when the step reads it. Its
/// <see cref="Projection.DelaySteps"/> is a lower bound of the table's delays (what the window plan relies on).
/// </summary>
public sealed partial class LayerEngine
{
    private readonly Projection[] _projections;
    private readonly double[][][] _rings;
    private readonly bool[][] _dirty;
    private readonly List<int>[][] _sources;  // per ring slot: presynaptic rows added there (serial path), for a sparse clear
    private readonly long[][] _touched;       // per ring slot: synapses added there; long.MaxValue: clear the whole row
    private readonly int[] _ringRows;
    private readonly double[] _ringScale;     // what a ring value is worth: 1, or the weight scale of a table with per-synapse delays
    private readonly int[] _width;
    private readonly int[][] _portProjections;
    private readonly double[][] _portSum;
    private readonly double[][] _zero;
    private readonly double[][] _portInput;
    private readonly (int From, int To)[] _ranges;
    private readonly SynapseTable?[] _recurrent;        // row-sorted recurrent tables, null for external projections
    private readonly int[][][] _recurrentSplits;         // [projection][partition boundary][pre]: first synapse of the partition's targets
    private readonly List<int>[] _partSpikes;        // spikes of the current chunk, per partition, step after step
    private readonly List<int>[] _partCounts;        // spikes per step of the chunk, per partition
    private readonly double[][][] _partPortInput;    // port inputs of the step each partition is at
    private readonly int _chunk;                     // steps a split layer runs between exchanges of spikes
    private readonly List<int> _spikes = new();
    private readonly KernelPool? _pool;
    private readonly List<Probe> _probes = new();
    private List<double>[] _probeValues = [];
    private long[][] _probeRowsOf = [];
    private IPartitionedModel? _partitioned;

    /// <param name="model">The neurons.</param>
    /// <param name="projections">Incoming connections, in the network's fixed order.</param>
    /// <param name="horizonSteps">How far past the current step a delivered source step may be (external projections); its input may land that far plus the delay ahead.</param>
    /// <param name="startStep">The first step to integrate.</param>
    /// <param name="pool">Cores to split the layer over; null or one worker: not split.</param>
    /// <param name="stepMultiple">The model's step in base steps: a layer with dt = m·(base dt) integrates once every m base steps (spikes of those m steps summed, a continuous input read at the first), and emits at the last of them.</param>
    public LayerEngine(ILayerModel model, IReadOnlyList<Projection> projections, int horizonSteps, long startStep = 0, KernelPool? pool = null,
        int stepMultiple = 1)
    {
        if (stepMultiple < 1) throw new ArgumentOutOfRangeException(nameof(stepMultiple));
        StepMultiple = stepMultiple;
        if (horizonSteps < 1) throw new ArgumentOutOfRangeException(nameof(horizonSteps));
        Model = model;
        _kernelPool = pool;
        _projections = projections.ToArray();
        var n = _projections.Length;
        _rings = new double[n][][];
        _dirty = new bool[n][];
        _sources = new List<int>[n][];
        _touched = new long[n][];
        _ringRows = new int[n];
        _ringScale = _projections.Select(p => p.Synapses.HasDelays ? p.Synapses.WeightScale : 1.0).ToArray();
        _width = new int[n];
        for (var i = 0; i < n; i++)
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
            if (p.Synapses.HasDelays && p.Synapses.Count > 0 && p.Synapses.MinDelay < p.DelaySteps)
                throw new ArgumentException($"projection {i} has a synapse of delay {p.Synapses.MinDelay} steps, shorter than its {p.DelaySteps}");
            var longest = p.Synapses.HasDelays ? Math.Max(p.DelaySteps, p.Synapses.MaxDelay) : p.DelaySteps;
            _ringRows[i] = p.Recurrent ? longest + 1 : horizonSteps + longest;
            _rings[i] = Enumerable.Range(0, _ringRows[i]).Select(_ => new double[_width[i]]).ToArray();
            _dirty[i] = new bool[_ringRows[i]];
            _sources[i] = Enumerable.Range(0, _ringRows[i]).Select(_ => new List<int>()).ToArray();
            _touched[i] = new long[_ringRows[i]];
        }
        _portProjections = Enumerable.Range(0, model.Ports.Count)
            .Select(port => Enumerable.Range(0, n).Where(i => _projections[i].Port == port).ToArray()).ToArray();
        _portSum = model.Ports.Select(p => new double[p.Width]).ToArray();
        _zero = model.Ports.Select(p => new double[p.Width]).ToArray();
        _portInput = new double[model.Ports.Count][];

        _partitioned = model as IPartitionedModel;
        // A port wider or narrower than the layer that sums several projections cannot be split by
        // neuron range (its sum would be computed per partition over the wrong range): not split then.
        var mixedPort = _portProjections.Select((feeding, port) => feeding.Length > 1 && model.Ports[port].Width != model.Size).Any(x => x);
        _ranges = stepMultiple > 1 || mixedPort ? [(0, model.Size)] : Partition(model, pool?.Workers ?? 1);
        if (_ranges.Length > 1) _pool = pool;
        _partSpikes = _ranges.Select(_ => new List<int>()).ToArray();
        _partCounts = _ranges.Select(_ => new List<int>()).ToArray();
        _partPortInput = _ranges.Select(_ => new double[model.Ports.Count][]).ToArray();
        var recurrentDelays = _projections.Where(p => p.Recurrent).Select(p => p.DelaySteps).ToList();
        _chunk = recurrentDelays.Count == 0 ? int.MaxValue : recurrentDelays.Min();
        _recurrent = new SynapseTable?[n];
        _recurrentSplits = new int[n][][];
        for (var i = 0; i < n; i++)
        {
            if (!_projections[i].Recurrent) continue;
            var table = _projections[i].Synapses;
            if (_ranges.Length > 1 && !table.RowsSorted) table = table.SortRows();
            _recurrent[i] = table;
            if (_ranges.Length > 1)
                _recurrentSplits[i] = _ranges.Skip(1).Select(r => table.RowOffsetsAt(r.From)).ToArray();
        }
        Step = startStep;
    }

    public ILayerModel Model { get; private set; }

    /// <summary>
    /// Puts <paramref name="model"/> in place of the current model (a parameter changed between
    /// runs): the connections, the rings and the clock stay; the new model must have the same size
    /// and ports.
    /// </summary>
    public void ReplaceModel(ILayerModel model)
    {
        if (model.Size != Model.Size || model.OutputKind != Model.OutputKind ||
            !model.Ports.Select(p => (p.Kind, p.Width)).SequenceEqual(Model.Ports.Select(p => (p.Kind, p.Width))))
            throw new ArgumentException($"the new {model.ClassName} does not have the size and ports of the current {Model.ClassName}");
        if (_partitioned is not null && model is not IPartitionedModel) throw new ArgumentException("the new model cannot be split like the current one");
        Model = model;
        _partitioned = model as IPartitionedModel;
    }

    /// <summary>The next step to integrate.</summary>
    public long Step { get; private set; }

    /// <summary>Base steps per model step (1 unless the layer runs at a multiple of the network's dt).</summary>
    public int StepMultiple { get; }

    public IReadOnlyList<Projection> Projections => _projections;

    /// <summary>Neuron ranges integrated in parallel (one range when the layer is not split).</summary>
    public IReadOnlyList<(int From, int To)> Partitions => _ranges;

    /// <summary>
    /// Delivers a window of source spikes to external projection <paramref name="projection"/>:
    /// the spikes of source step <c>firstStep + i</c> are <c>neurons[stepPtr[i]..stepPtr[i+1])</c>.
    /// A shard of a larger source layer numbers its neurons from 0: <paramref name="rowOffset"/> is
    /// its first neuron's row in the projection's table.
    /// </summary>
    public void Deliver(int projection, long firstStep, ReadOnlySpan<int> stepPtr, ReadOnlySpan<int> neurons, int rowOffset = 0)
    {
        var p = External(projection);
        var steps = stepPtr.Length - 1;
        if (steps <= 0 || stepPtr[steps] == 0) return;
        for (var i = 0; i < steps; i++)
        {
            var from = stepPtr[i];
            var to = stepPtr[i + 1];
            if (from == to) continue;
            if (p.Synapses.Kernel is not null && DeliverKernel(projection, firstStep + i + p.DelaySteps, neurons[from..to], rowOffset)) continue;
            if (p.Synapses.HasDelays)
            {
                var ring = MarkDelayedRows(projection, firstStep + i, p.DelaySteps);
                for (var s = from; s < to; s++) p.Synapses.AccumulateRowDelayed(neurons[s] + rowOffset, ring, (int)((firstStep + i) % _ringRows[projection]));
                continue;
            }
            var arrival = firstStep + i + p.DelaySteps;
            var row = Row(projection, arrival);
            var slot = (int)(arrival % _ringRows[projection]);
            for (var s = from; s < to; s++)
            {
                var pre = neurons[s] + rowOffset;
                p.Synapses.AccumulateRow(pre, row);
                Touch(projection, slot, pre, p.Synapses);
            }
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
        if (p.Synapses.HasDelays) throw new InvalidOperationException($"projection {projection} has per-synapse delays, which apply to spikes only");
        if (channels != p.Synapses.PreSize) throw new ArgumentException($"projection {projection} takes {p.Synapses.PreSize} channels, got {channels}");
        var steps = samples.Length / channels;
        for (var i = 0; i < steps; i++)
        {
            var row = Row(projection, firstStep + i + p.DelaySteps);
            _touched[projection][(int)((firstStep + i + p.DelaySteps) % _ringRows[projection])] = long.MaxValue;
            var values = samples.Slice(i * channels, channels);
            if (p.Synapses.Kernel is { } kernel) { kernel.AddValues(values, row, _kernelPool); continue; }
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
        if (_probes.Count > 0) PrepareProbes(Step, steps);
        for (var k = 0; k < steps; k++)
        {
            var t = Step;
            _spikes.Clear();
            if (StepMultiple > 1)
            {
                // A slow layer: nothing happens until the last base step of its own step.
                if ((t + 1) % StepMultiple == 0)
                {
                    GatherBlock(t + 1 - StepMultiple);
                    Model.Step((t + 1) / StepMultiple - 1, _portInput, _spikes);
                    if (continuous) PropagateContinuous(t);
                    else PropagateSpikes(t, 0, _spikes);
                    for (var b = t + 1 - StepMultiple; b < t; b++) ClearRows(b);
                }
                if (_probes.Count > 0) SampleProbes(t, 0, Model.Size);
            }
            else if (_pool is null)
            {
                GatherPorts(t);
                Model.Step(t, _portInput, _spikes);
                if (_probes.Count > 0) SampleProbes(t, 0, Model.Size);
                if (continuous) PropagateContinuous(t);
                else PropagateSpikes(t, 0, _spikes);
            }
            else
            {
                // Split layer: each partition runs up to the shortest recurrent delay on its own,
                // then every partition adds all spikes of those steps to its own targets.
                var chunk = (int)Math.Min(_chunk, steps - k);
                _pool.Run(_ranges.Length, part => ComputeChunk(part, t, chunk));
                // Each partition cleared its own part of the layer-wide rows it read; the rest is cleared here.
                for (var c = 0; c < chunk; c++)
                    for (var i = 0; i < _projections.Length; i++)
                    {
                        var slot = (int)((t + c) % _ringRows[i]);
                        if (_dirty[i][slot] && _width[i] != Model.Size) Array.Clear(_rings[i][slot]);
                        _dirty[i][slot] = false;
                        _touched[i][slot] = 0;
                        _sources[i][slot].Clear();
                    }
                var offsets = new int[_ranges.Length];
                for (var c = 0; c < chunk; c++)
                {
                    _spikes.Clear();
                    for (var part = 0; part < _ranges.Length; part++)
                    {
                        var count = _partCounts[part][c];
                        _spikes.AddRange(_partSpikes[part].GetRange(offsets[part], count));
                        offsets[part] += count;
                    }
                    spikes?.AddStep(_spikes);
                }
                if (HasRecurrent) _pool.Run(_ranges.Length, part => PropagateChunk(part, t, chunk));
                Step = t + chunk;
                k += chunk - 1;
                continue;
            }
            // A slow layer's rows wait until the last base step of its step has read them.
            if (StepMultiple == 1 || (t + 1) % StepMultiple == 0) ClearRows(t);
            spikes?.AddStep(_spikes);
            if (continuous) samples?.AddStep(Model.Output);
            Step = t + 1;
        }
    }

    /// <summary>A partition integrates its neurons for <paramref name="chunk"/> steps from <paramref name="t"/>.</summary>
    private void ComputeChunk(int part, long t, int chunk)
    {
        var (from, to) = _ranges[part];
        var spikes = _partSpikes[part];
        var counts = _partCounts[part];
        var input = _partPortInput[part];
        spikes.Clear();
        counts.Clear();
        for (var c = 0; c < chunk; c++)
        {
            var step = t + c;
            for (var port = 0; port < _portProjections.Length; port++)
            {
                var feeding = _portProjections[port];
                if (feeding.Length == 0) input[port] = _zero[port];
                else if (feeding.Length == 1 && _ringScale[feeding[0]] == 1.0)
                {
                    var i = feeding[0];
                    var slot = (int)(step % _ringRows[i]);
                    input[port] = _dirty[i][slot] ? _rings[i][slot] : _zero[port];
                }
                else
                {
                    SumPort(port, step, from, to);
                    input[port] = _portSum[port];
                }
            }
            var before = spikes.Count;
            _partitioned!.StepRange(step, input, spikes, from, to);
            counts.Add(spikes.Count - before);
            if (_probes.Count > 0) SampleProbes(step, from, to);
        }
        for (var c = 0; c < chunk; c++)
            for (var i = 0; i < _projections.Length; i++)
            {
                var slot = (int)((t + c) % _ringRows[i]);
                // Rows as wide as the layer: each partition clears its own part. Other rows (a port of
                // input channels, read by every partition) are cleared after all partitions are done.
                if (_dirty[i][slot] && _width[i] == Model.Size) Array.Clear(_rings[i][slot], from, to - from);
            }
    }

    /// <summary>A partition adds every spike of the chunk, step by step in neuron order, to its own targets.</summary>
    private void PropagateChunk(int part, long t, int chunk)
    {
        var offsets = new int[_ranges.Length];
        var fired = new List<int>();
        for (var c = 0; c < chunk; c++)
        {
            fired.Clear();
            for (var q = 0; q < _ranges.Length; q++)
            {
                var count = _partCounts[q][c];
                for (var s = 0; s < count; s++) fired.Add(_partSpikes[q][offsets[q] + s]);
                offsets[q] += count;
            }
            PropagateSpikes(t + c, part, fired);
        }
    }

    /// <summary>Probes on this layer, in the order they were added.</summary>
    public IReadOnlyList<Probe> Probes => _probes;

    /// <summary>Adds a probe; its samples come back from <see cref="TakeProbeWindows"/> after each <see cref="Evolve"/>.</summary>
    public void AddProbe(Probe probe)
    {
        if (!Model.StateNames.Contains(probe.Variable))
            throw new ArgumentException($"{Model.ClassName} has no state variable '{probe.Variable}'; it has {string.Join(", ", Model.StateNames)}");
        foreach (var n in probe.Neurons)
            if ((uint)n >= (uint)Model.Size) throw new ArgumentException($"probe neuron {n} outside 0..{Model.Size - 1}");
        if (probe.EverySteps < 1) throw new ArgumentException("a probe samples at least every step");
        _probes.Add(probe);
        _probeValues = _probes.Select(_ => new List<double>()).ToArray();
    }

    /// <summary>The samples the probes took during the last <see cref="Evolve"/>.</summary>
    public IReadOnlyList<ProbeWindow> TakeProbeWindows()
    {
        var windows = new List<ProbeWindow>();
        for (var p = 0; p < _probes.Count; p++)
        {
            windows.Add(new ProbeWindow(p, _probeRowsOf[p], _probeValues[p].ToArray()));
            _probeValues[p].Clear();
        }
        return windows;
    }

    /// <summary>Before a window: the steps each probe samples in it, and room for their values.</summary>
    private void PrepareProbes(long first, int steps)
    {
        _probeRowsOf = new long[_probes.Count][];
        for (var p = 0; p < _probes.Count; p++)
        {
            var probe = _probes[p];
            var rows = new List<long>();
            for (var t = first; t < first + steps; t++)
                if (probe.IsDue(t)) rows.Add(t);
            _probeRowsOf[p] = rows.ToArray();
            _probeValues[p].Clear();
            _probeValues[p].AddRange(new double[rows.Count * probe.Neurons.Length]);
        }
    }

    /// <summary>After step <paramref name="t"/>: the due probes read their neurons in [from, to).</summary>
    private void SampleProbes(long t, int from, int to)
    {
        for (var p = 0; p < _probes.Count; p++)
        {
            var probe = _probes[p];
            if (!probe.IsDue(t)) continue;
            var row = Array.BinarySearch(_probeRowsOf[p], t);
            var view = Model.StateView(probe.Variable);
            var values = _probeValues[p];
            var baseIndex = row * probe.Neurons.Length;
            for (var j = 0; j < probe.Neurons.Length; j++)
            {
                var n = probe.Neurons[j];
                if (n >= from && n < to) values[baseIndex + j] = view[n];
            }
        }
    }

    /// <summary>The complete state, for a checkpoint.</summary>
    public EngineSnapshot Snapshot()
    {
        var state = Model.StateNames.ToDictionary(n => n, n => Model.GetState(n));
        var rings = new double[]?[_rings.Length][];
        for (var i = 0; i < _rings.Length; i++)
        {
            rings[i] = new double[]?[_ringRows[i]];
            for (var slot = 0; slot < _ringRows[i]; slot++)
                if (_dirty[i][slot]) rings[i][slot] = (double[])_rings[i][slot].Clone();
        }
        return new EngineSnapshot(Step, state, Model.GetRandomState(), rings);
    }

    /// <summary>Puts the engine back in the state <paramref name="snapshot"/> holds.</summary>
    public void Restore(EngineSnapshot snapshot)
    {
        if (snapshot.Rings.Length != _rings.Length)
            throw new ArgumentException($"the snapshot has {snapshot.Rings.Length} projections, the layer {_rings.Length}");
        Model.ResetState();
        foreach (var (name, values) in snapshot.State) Model.SetState(name, values);
        Model.SetRandomState(snapshot.Random);
        for (var i = 0; i < _rings.Length; i++)
        {
            if (snapshot.Rings[i].Length != _ringRows[i])
                throw new ArgumentException($"projection {i}: the snapshot's ring has {snapshot.Rings[i].Length} rows, the engine's {_ringRows[i]}");
            for (var slot = 0; slot < _ringRows[i]; slot++)
            {
                var row = snapshot.Rings[i][slot];
                _dirty[i][slot] = row is not null;
                _sources[i][slot].Clear();
                _touched[i][slot] = row is null ? 0 : long.MaxValue;
                if (row is null) Array.Clear(_rings[i][slot]);
                else row.CopyTo(_rings[i][slot], 0);
            }
        }
        Step = snapshot.Step;
    }

    /// <summary>Resets the model's state and drops every input in flight; the clock goes back to <paramref name="step"/>.</summary>
    public void Reset(long step = 0)
    {
        Model.ResetState();
        for (var i = 0; i < _rings.Length; i++)
        {
            foreach (var row in _rings[i]) Array.Clear(row);
            Array.Clear(_dirty[i]);
            Array.Clear(_touched[i]);
            foreach (var list in _sources[i]) list.Clear();
        }
        Step = step;
    }

    private bool HasRecurrent => _projections.Any(p => p.Recurrent);

    /// <summary>Points each port at its input for step t: a shared zero row, the one projection's ring row, or (for several) their sum.</summary>
    private void GatherPorts(long t)
    {
        for (var port = 0; port < _portProjections.Length; port++)
        {
            var feeding = _portProjections[port];
            if (feeding.Length == 0) _portInput[port] = _zero[port];
            else if (feeding.Length == 1 && _ringScale[feeding[0]] == 1.0)
            {
                var i = feeding[0];
                var slot = (int)(t % _ringRows[i]);
                _portInput[port] = _dirty[i][slot] ? _rings[i][slot] : _zero[port];
            }
            else
            {
                _portInput[port] = _portSum[port];
                SumPort(port, t, 0, _portSum[port].Length);
            }
        }
    }

    /// <summary>For a slow layer: the input of the base steps [first, first + m): spikes summed, continuous values of the first step.</summary>
    private void GatherBlock(long first)
    {
        for (var port = 0; port < _portProjections.Length; port++)
        {
            var sum = _portSum[port];
            Array.Clear(sum);
            _portInput[port] = sum;
            var spikes = Model.Ports[port].Kind == PortKind.Spikes;
            foreach (var i in _portProjections[port])
                for (var b = first; b < first + (spikes ? StepMultiple : 1); b++)
                {
                    var slot = (int)(b % _ringRows[i]);
                    if (!_dirty[i][slot]) continue;
                    var row = _rings[i][slot];
                    var scale = _ringScale[i];
                    if (scale == 1.0) for (var j = 0; j < sum.Length; j++) sum[j] += row[j];
                    else for (var j = 0; j < sum.Length; j++) sum[j] += row[j] * scale;
                }
        }
    }

    private void SumPort(int port, long t, int from, int to)
    {
        var sum = _portSum[port].AsSpan(from, to - from);
        sum.Clear();
        foreach (var i in _portProjections[port])
        {
            var slot = (int)(t % _ringRows[i]);
            if (!_dirty[i][slot]) continue;
            var row = _rings[i][slot].AsSpan(from, to - from);
            var scale = _ringScale[i];
            if (scale == 1.0) for (var j = 0; j < sum.Length; j++) sum[j] += row[j];
            else for (var j = 0; j < sum.Length; j++) sum[j] += row[j] * scale;
        }
    }

    private void PropagateSpikes(long t, int part, List<int> fired)
    {
        if (fired.Count == 0) return;
        for (var i = 0; i < _projections.Length; i++)
        {
            var p = _projections[i];
            if (!p.Recurrent) continue;
            var table = _recurrent[i]!;
            if (table.HasDelays)
            {
                PropagateDelayed(i, t, part, fired, table);
                continue;
            }
            var slot = (int)((t + p.DelaySteps) % _ringRows[i]);
            var row = _rings[i][slot];
            _dirty[i][slot] = true;
            if (_ranges.Length == 1)
            {
                foreach (var pre in fired)
                {
                    table.AccumulateRow(pre, row);
                    Touch(i, slot, pre, table);
                }
                continue;
            }
            _touched[i][slot] = long.MaxValue; // split layers clear whole ranges
            var starts = part == 0 ? null : _recurrentSplits[i][part - 1];
            var ends = part == _ranges.Length - 1 ? null : _recurrentSplits[i][part];
            foreach (var pre in fired)
                table.AccumulateSlice(starts?[pre] ?? table.RowStart[pre], ends?[pre] ?? table.RowStart[pre + 1], row);
        }
    }

    /// <summary>A recurrent projection with per-synapse delays: the spikes of step t, each synapse into its own arrival row.</summary>
    private void PropagateDelayed(int i, long t, int part, List<int> fired, SynapseTable table)
    {
        var ring = MarkDelayedRows(i, t, _projections[i].DelaySteps);
        var baseSlot = (int)(t % _ringRows[i]);
        if (_ranges.Length == 1)
        {
            foreach (var pre in fired) table.AccumulateRowDelayed(pre, ring, baseSlot);
            return;
        }
        var starts = part == 0 ? null : _recurrentSplits[i][part - 1];
        var ends = part == _ranges.Length - 1 ? null : _recurrentSplits[i][part];
        foreach (var pre in fired)
            table.AccumulateSliceDelayed(starts?[pre] ?? table.RowStart[pre], ends?[pre] ?? table.RowStart[pre + 1], ring, baseSlot);
    }

    /// <summary>
    /// Before spikes of <paramref name="sourceStep"/> enter a projection with per-synapse delays: every row they may
    /// reach (delays from <paramref name="minDelay"/> to the ring's end) is marked to be read and cleared whole.
    /// </summary>
    private double[][] MarkDelayedRows(int projection, long sourceStep, int minDelay)
    {
        var rows = _ringRows[projection];
        var longest = Math.Max(minDelay, _projections[projection].Synapses.MaxDelay);
        if (!_projections[projection].Recurrent) Row(projection, sourceStep + longest); // checks the horizon
        if (sourceStep + minDelay < Step && !_projections[projection].Recurrent)
            throw new InvalidOperationException($"input for step {sourceStep + minDelay} delivered at step {Step}: already integrated");
        for (var d = minDelay; d <= longest; d++)
        {
            var slot = (int)((sourceStep + d) % rows);
            if (_dirty[projection][slot] && _touched[projection][slot] == long.MaxValue) continue;
            _dirty[projection][slot] = true;
            _touched[projection][slot] = long.MaxValue;
        }
        return _rings[projection];
    }

    private void PropagateContinuous(long t)
    {
        for (var i = 0; i < _projections.Length; i++)
        {
            var p = _projections[i];
            if (!p.Recurrent) continue;
            var slot = (int)((t + p.DelaySteps) % _ringRows[i]);
            var row = _rings[i][slot];
            _dirty[i][slot] = true;
            _touched[i][slot] = long.MaxValue;
            var output = Model.Output;
            for (var c = 0; c < output.Length; c++)
                if (output[c] != 0) p.Synapses.AccumulateRow(c, row, output[c]);
        }
    }

    /// <summary>Notes that row <paramref name="pre"/> of <paramref name="table"/> was added to a ring slot (for a sparse clear).</summary>
    private void Touch(int projection, int slot, int pre, SynapseTable table)
    {
        var touched = _touched[projection];
        if (touched[slot] == long.MaxValue) return;
        var width = _width[projection];
        touched[slot] += table.RowStart[pre + 1] - table.RowStart[pre];
        if (touched[slot] > width / 8) touched[slot] = long.MaxValue; // cheaper to clear the whole row
        else _sources[projection][slot].Add(pre);
    }

    /// <summary>
    /// Zeroes the rows of step t: where few synapses were added, only their targets (walking the
    /// same table rows again), else the whole row.
    /// </summary>
    private void ClearRows(long t)
    {
        for (var i = 0; i < _projections.Length; i++)
        {
            var slot = (int)(t % _ringRows[i]);
            if (!_dirty[i][slot]) continue;
            var row = _rings[i][slot];
            var sources = _sources[i][slot];
            if (_touched[i][slot] == long.MaxValue) Array.Clear(row);
            else
            {
                var table = _projections[i].Recurrent ? _recurrent[i]! : _projections[i].Synapses;
                foreach (var pre in sources)
                    for (var s = table.RowStart[pre]; s < table.RowStart[pre + 1]; s++) row[table.Target[s]] = 0;
            }
            sources.Clear();
            _touched[i][slot] = 0;
            _dirty[i][slot] = false;
        }
    }

    private Projection External(int projection)
    {
        var p = _projections[projection];
        if (p.Recurrent) throw new InvalidOperationException("recurrent projections are closed by the engine itself");
        return p;
    }

    private double[] Row(int projection, long arrival)
    {
        var rows = _ringRows[projection];
        if (arrival < Step || arrival >= Step + rows)
            throw new InvalidOperationException(
                $"input for step {arrival} delivered at step {Step}: outside the engine's horizon of {rows} steps");
        var slot = (int)(arrival % rows);
        _dirty[projection][slot] = true;
        return _rings[projection][slot];
    }

    /// <summary>Splits the neurons into at most <paramref name="workers"/> ranges on multiples of the model's granularity.</summary>
    private static (int From, int To)[] Partition(ILayerModel model, int workers)
    {
        if (workers <= 1 || model is not IPartitionedModel pm || model.OutputKind != SignalKind.Spikes) return [(0, model.Size)];
        var blocks = (model.Size + pm.PartitionGranularity - 1) / pm.PartitionGranularity;
        var parts = Math.Min(workers, blocks);
        if (parts <= 1) return [(0, model.Size)];
        var ranges = new (int, int)[parts];
        for (var i = 0; i < parts; i++)
        {
            var from = (int)((long)blocks * i / parts) * pm.PartitionGranularity;
            var to = Math.Min(model.Size, (int)((long)blocks * (i + 1) / parts) * pm.PartitionGranularity);
            ranges[i] = (from, to);
        }
        return ranges;
    }
}
