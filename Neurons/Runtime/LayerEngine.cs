using System.Runtime.CompilerServices;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Models;

namespace EventSpike.Neurons.Runtime;

/// <summary>
/// Advances one layer model on the step clock and routes input into it: the plain-loop core that
/// a layer actor hosts, and that tests and benchmarks drive directly.
///
/// Each incoming projection without per-synapse delays owns a ring of per-step input rows (one slot per
/// channel of the port it feeds). Spikes, or samples times weights, are added to the row of their arrival
/// step (source step + delay) when they are delivered, in the order of the source's steps and channels; at
/// each step the rows of all projections feeding a port are summed in projection order (a port fed by one
/// projection reads its row directly). Every floating-point sum therefore happens in an order fixed by the
/// network, never by message timing, window length or partitioning: the same network gives the same bits
/// however it is scheduled or split. Recurrent projections are closed inside the engine, step by step.
///
/// Projections whose tables have per-synapse delays (<see cref="SynapseTable.HasDelays"/>) share one
/// <see cref="DelayRing"/> per port (more only when their weight scales lie far apart): whole numbers, so a
/// row's value does not depend on the order projections, source steps, shards or threads add to it; a step
/// reads its row, after the other projections' sum, and clears just that row. Their
/// <see cref="Projection.DelaySteps"/> is a lower bound of the table's delays (what the window plan relies on).
///
/// A large layer whose model is an <see cref="IPartitionedModel"/> is split into neuron ranges that
/// run on the <see cref="KernelPool"/>: each range integrates its neurons, then adds every spike of
/// the step to its own targets (recurrent tables are split by target range), so no two threads
/// ever write the same value and each target's sum keeps the unsplit order. Spikes delivered from other
/// layers through tables with per-synapse delays wait until the next <see cref="Evolve"/>, where each
/// range adds them to its own targets in parallel with the others.
/// </summary>
public sealed partial class LayerEngine
{
    private readonly Projection[] _projections;
    private readonly double[][][] _rings;     // per projection without per-synapse delays (none for the others)
    private readonly bool[][] _dirty;
    private readonly List<int>[][] _sources;  // per ring slot: presynaptic rows added there (serial path), for a sparse clear
    private readonly long[][] _touched;       // per ring slot: synapses added there; long.MaxValue: clear the whole row
    private readonly int[] _ringRows;         // 0 for a projection with per-synapse delays
    private readonly int[] _width;
    private readonly int[][] _portProjections; // per port: the projections without per-synapse delays feeding it
    private readonly DelayRing[] _delayRings;
    private readonly int[][] _portRings;       // per port: its delay rings
    private readonly int[] _ringOf;            // per projection: its delay ring, −1 for none
    private readonly int[] _shiftOf;           // per projection: log2(table scale / ring quantum)
    private readonly double[][] _portSum;
    private readonly double[][] _zero;
    private readonly double[][] _portInput;
    private readonly (int From, int To)[] _ranges;
    private readonly SynapseTable?[] _recurrent;        // row-sorted recurrent tables, null for external projections
    private readonly int[][][] _recurrentSplits;         // [projection][partition boundary][pre]: first synapse of the partition's targets
    private readonly int[]?[][] _externalSplits;         // the same for external tables with per-synapse delays (null: delivered at once)
    private readonly List<PendingSpikes> _pending = new(); // spikes delivered to a split layer, added in parallel at the next Evolve
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
    private double[]?[]? _accumulators;              // per port: where the model adds its input (IAccumulatingInput), or null

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
        _width = new int[n];
        for (var i = 0; i < n; i++)
        {
            Check(i);
            var p = _projections[i];
            var longest = p.Synapses.HasDelays ? Math.Max(p.DelaySteps, p.Synapses.MaxDelay) : p.DelaySteps;
            _ringRows[i] = p.Synapses.HasDelays ? 0 : p.Recurrent ? longest + 1 : horizonSteps + longest;
            _rings[i] = Enumerable.Range(0, _ringRows[i]).Select(_ => new double[_width[i]]).ToArray();
            _dirty[i] = new bool[_ringRows[i]];
            _sources[i] = Enumerable.Range(0, _ringRows[i]).Select(_ => new List<int>()).ToArray();
            _touched[i] = new long[_ringRows[i]];
        }
        var feeding = Enumerable.Range(0, model.Ports.Count).Select(port => Enumerable.Range(0, n).Where(i => _projections[i].Port == port).ToArray()).ToArray();
        _portProjections = feeding.Select(f => f.Where(i => !_projections[i].Synapses.HasDelays).ToArray()).ToArray();
        (_delayRings, _portRings, _ringOf, _shiftOf) = BuildDelayRings(model, _projections, horizonSteps);
        _portSum = model.Ports.Select(p => new double[p.Width]).ToArray();
        _zero = model.Ports.Select(p => ZeroRows.Create(p.Width)).ToArray();
        _portInput = new double[model.Ports.Count][];

        _partitioned = model as IPartitionedModel;
        _accumulators = Accumulators(model);
        // A port wider or narrower than the layer that sums several projections cannot be split by
        // neuron range (its sum would be computed per partition over the wrong range): not split then.
        var mixedPort = feeding.Select((f, port) => f.Length > 1 && model.Ports[port].Width != model.Size).Any(x => x);
        _ranges = stepMultiple > 1 || mixedPort ? [(0, model.Size)] : Partition(model, pool?.Workers ?? 1);
        if (_ranges.Length > 1) _pool = pool;
        _partSpikes = _ranges.Select(_ => new List<int>(PartListCapacity)).ToArray();
        _partCounts = _ranges.Select(_ => new List<int>(PartListCapacity)).ToArray();
        _partPortInput = _ranges.Select(_ => new double[model.Ports.Count][]).ToArray(); // a model may count its ports by its length
        var recurrentDelays = _projections.Where(p => p.Recurrent).Select(p => p.DelaySteps).ToList();
        _chunk = recurrentDelays.Count == 0 ? int.MaxValue : recurrentDelays.Min();
        (_recurrent, _recurrentSplits, _externalSplits) = Splits();
        if (_ranges.Length > 1) // a queued ring: one set of lists per partition (a dense ring ignores it)
            foreach (var ring in _delayRings.Where(r => r.Width == model.Size)) ring.SplitLanes(_ranges);
        Step = startStep;
    }

    /// <summary>Checks projection <paramref name="i"/> against the model and notes its width.</summary>
    private void Check(int i)
    {
        var p = _projections[i];
        var model = Model;
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
    }

    /// <summary>
    /// For a split layer: row-sorted recurrent tables with each partition's first synapse per row, and the same
    /// split of external tables with per-synapse delays (when their rows are sorted; else they are delivered at once).
    /// Tables ordered by delay are kept as they are, with no splits: each partition takes its targets from each run.
    /// </summary>
    private (SynapseTable?[], int[][][], int[]?[][]) Splits()
    {
        var n = _projections.Length;
        var recurrent = new SynapseTable?[n];
        var recurrentSplits = new int[n][][];
        var externalSplits = new int[]?[n][];
        for (var i = 0; i < n; i++)
        {
            var table = _projections[i].Synapses;
            // Rows ordered by delay have no one place per row where a partition's targets start: each partition picks
            // its own out of every run (no splits: an empty array).
            var byDelay = _ranges.Length > 1 && table.HasDelays && table.OrderedByDelay && !table.RowsSorted;
            if (!_projections[i].Recurrent)
            {
                if (_ranges.Length > 1 && table.HasDelays && (byDelay || table.RowsSorted))
                    externalSplits[i] = byDelay ? [] : _ranges.Skip(1).Select(r => table.RowOffsetsAt(r.From)).ToArray();
                continue;
            }
            if (_ranges.Length > 1 && !byDelay && !table.RowsSorted) table = table.SortRows();
            recurrent[i] = table;
            if (_ranges.Length > 1)
                recurrentSplits[i] = byDelay ? [] : _ranges.Skip(1).Select(r => table.RowOffsetsAt(r.From)).ToArray();
        }
        return (recurrent, recurrentSplits, externalSplits);
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
        _accumulators = Accumulators(model);
    }

    /// <summary>The next step to integrate.</summary>
    public long Step { get; private set; }

    /// <summary>Base steps per model step (1 unless the layer runs at a multiple of the network's dt).</summary>
    public int StepMultiple { get; }

    /// <summary>Integrates <paramref name="steps"/> steps; spikes or samples go to the builders given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Evolve(int steps, SpikeWindowBuilder? spikes = null, ContinuousWindowBuilder? samples = null)
    {
        var continuous = Model.OutputKind == SignalKind.Continuous;
        spikes?.Begin(Step);
        samples?.Begin(Step, Model.Size);
        if (_probes.Count > 0) PrepareProbes(Step, steps);
        if (_pool is not null)
        {
            EvolveSplit(steps, spikes);
            return;
        }
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
            else
            {
                GatherPorts(t);
                Model.Step(t, _portInput, _spikes);
                if (_probes.Count > 0) SampleProbes(t, 0, Model.Size);
                if (continuous) PropagateContinuous(t);
                else PropagateSpikes(t, 0, _spikes);
            }
            // A slow layer's rows wait until the last base step of its step has read them.
            if (StepMultiple == 1 || (t + 1) % StepMultiple == 0) ClearRows(t);
            spikes?.AddStep(_spikes);
            if (continuous) samples?.AddStep(Model.Output);
            Step = t + 1;
        }
    }

    public IReadOnlyList<Projection> Projections => _projections;

    /// <summary>Neuron ranges integrated in parallel (one range when the layer is not split).</summary>
    public IReadOnlyList<(int From, int To)> Partitions => _ranges;

    /// <summary>The shared rings of the projections with per-synapse delays (one per port, more where scales lie far apart).</summary>
    public IReadOnlyList<DelayRing> DelayRings => _delayRings;

    private bool HasRecurrent => _projections.Any(p => p.Recurrent);
}
