using EventSpike.Neurons.Models;
using EventSpike.Routing.Network;
using ILGPU;
using ILGPU.Runtime;

namespace EventSpike.Gpu.Resident;

/// <summary>
/// A whole network of iaf_psc_exp layers resident on an ILGPU accelerator: state, synapse tables (uploaded once,
/// in SynapseTable's 8-byte layout: 32-bit target, (16-bit delay &lt;&lt; 16) | 16-bit fixed-point weight), one ring of
/// whole numbers per connection (rows = its longest delay + 1) and the Poisson drive's streams (each block's split into chunks of 32 neurons, one thread each, that jump over the
/// others' draws by xoshiro's GF(2) jump matrices) all live on the
/// device. A step is three kernels (<see cref="ResidentKernels"/>): the drive's draws, the neuron update reading and
/// clearing its ring cells, the scatter of the step's spikes into the rings by integer atomic adds. Nothing is
/// copied per step; per window only the spike list comes down.
///
/// Why the spikes equal the CPU's bit for bit (on ILGPU's CPU accelerator; a GPU may contract a·b + c into one
/// rounding): a ring cell is a sum of whole numbers (q, or 1 per arrival of a shared weight), exact in any order,
/// as the CPU's rows are; a port's input is formed as the CPU engine forms it: from 0, the connections without per-synapse
/// delays in file order (cell × weight), then per shared DelayRing of the CPU (its connections grouped and ordered by
/// power-of-two scale) the exact 64-bit Σ cell · 2^shift times the ring's quantum; the drive's counts come from the same xoshiro256** block streams, drawn in
/// neuron order by one thread per block, inverted against the same table; the neuron update is IafPscExp's.
/// </summary>
public sealed class ResidentNetwork : IDisposable
{
    private readonly ResidentLayout _layout;
    private readonly AcceleratorDevice _device;
    private readonly List<MemoryBuffer> _buffers = new();
    private readonly NetworkViews _network;
    private readonly SynapseViews _synapses;
    private readonly NeuronViews _neurons;
    private readonly DriveViews _drive;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _v, _ie, _ii, _refractory;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _spikes, _counter, _marks, _driveCounts;
    private readonly MemoryBuffer1D<ulong, Stride1D.Dense> _streams;
    private readonly Action<Index1D, DriveViews, ArrayView<LayerConstants>, ArrayView<int>, int> _driveKernel;
    private bool _drawn; // the drive's chunk streams have moved past their first step's draws
    private readonly Action<Index1D, long, NetworkViews, NeuronViews> _neuronKernel;
    private readonly Action<KernelConfig, long, int, NetworkViews, SynapseViews, ArrayView<int>, ArrayView<int>, ArrayView<int>> _scatterKernel;
    private readonly KernelConfig _scatterConfig;

    /// <summary>Uploads <paramref name="network"/> (its models' current state) to <paramref name="device"/>.</summary>
    /// <param name="windowSteps">Most steps one <see cref="Evolve"/> may run (the spike list holds that many steps of every neuron firing).</param>
    public ResidentNetwork(CompiledNetwork network, AcceleratorDevice device, int windowSteps)
    {
        _layout = new ResidentLayout(network);
        _device = device;
        WindowSteps = Math.Max(1, windowSteps);
        var acc = device.Accelerator;
        var l = _layout;
        _network = new NetworkViews
        {
            Layers = Upload(l.Layers).View, Projections = Upload(l.Projections).View, Outgoing = Upload(l.Outgoing.Length > 0 ? l.Outgoing : [0]).View,
            LayerOf = Upload(l.LayerOf).View, Rings = Zeros<int>(Math.Max(1, l.RingCells)).View,
        };
        _synapses = UploadSynapses(network);
        _v = Zeros<double>(l.Neurons);
        _ie = Zeros<double>(l.Neurons);
        _ii = Zeros<double>(l.Neurons);
        _refractory = Zeros<double>(l.Neurons);
        _driveCounts = Zeros<int>(l.Neurons);
        _spikes = Zeros<int>(checked(WindowSteps * l.Neurons));
        _counter = Zeros<int>(1);
        _marks = Zeros<int>(WindowSteps);
        _streams = Upload(l.Streams);
        _neurons = new NeuronViews
        {
            V = _v.View, IExc = _ie.View, IInh = _ii.View, Refractory = _refractory.View, DriveCounts = _driveCounts.View,
            Spikes = _spikes.View, Counter = _counter.View, Marks = _marks.View,
        };
        _drive = new DriveViews
        {
            Blocks = Upload(l.Blocks.Length > 0 ? l.Blocks : [default]).View, Streams = _streams.View, Jumps = Upload(l.Jumps).View, Cdf = Upload(l.Cdf).View,
        };
        UploadState();
        _driveKernel = acc.LoadAutoGroupedStreamKernel<Index1D, DriveViews, ArrayView<LayerConstants>, ArrayView<int>, int>(ResidentKernels.Drive);
        _neuronKernel = acc.LoadAutoGroupedStreamKernel<Index1D, long, NetworkViews, NeuronViews>(ResidentKernels.Neurons);
        _scatterKernel = acc.LoadStreamKernel<long, int, NetworkViews, SynapseViews, ArrayView<int>, ArrayView<int>, ArrayView<int>>(ResidentKernels.Scatter);
        var group = Math.Min(256, acc.MaxNumThreadsPerGroup);
        _scatterConfig = new KernelConfig(acc.AcceleratorType == AcceleratorType.CPU ? 4 : 4 * Math.Max(1, acc.NumMultiprocessors), group);
        Step = network.Plan.FirstStep;
    }

    /// <summary>
    /// Why <paramref name="network"/> cannot run resident on a device (naming the layer or connection), or null:
    /// every layer iaf_psc_exp at the network's dt, unsharded, without probes; every connection onto port exc or inh,
    /// at least one step of delay, with per-synapse delays (fixed-point weights) or one shared weight.
    /// </summary>
    public static string? Refusal(CompiledNetwork network)
    {
        if (network.Sharded) return "the device-resident path runs unsharded layers only (a layer is split into shards)";
        foreach (var layer in network.Layers)
        {
            if (layer.Model is not IafPscExp)
                return $"layer '{layer.Name}' ({layer.Model.ClassName}): the device-resident path runs networks of {IafPscExp.TypeName} layers only";
            if (layer.StepMultiple != 1) return $"layer '{layer.Name}': the device-resident path runs every layer at the network's dt";
        }
        if (network.Probes.Count > 0)
            return $"layer '{network.Layers[network.Probes[0].Layer].Name}': probes are not recorded on the device-resident path";
        foreach (var c in network.Connections)
        {
            var name = $"'{network.Layers[c.From].Name}'→'{network.Layers[c.To].Name}'";
            var t = c.Synapses;
            if (c.Port > 1) return $"connection {name} feeds port '{network.Layers[c.To].Model.Ports[c.Port].Name}'; the device-resident path takes exc and inh";
            if (c.DelaySteps < 1 || (t.HasDelays && t.Count > 0 && t.MinDelay < 1))
                return $"connection {name} has a delay under one step; the device-resident path needs at least one";
            if (!t.HasDelays && t.Count > 0 && t.UniformWeight is null)
                return $"connection {name} has per-synapse float weights without per-synapse delays; the device-resident path sums whole numbers " +
                       "(give the connection a delay distribution, which stores fixed-point weights, or one shared weight)";
        }
        return null;
    }

    /// <summary>The next step to integrate.</summary>
    public long Step { get; private set; }

    /// <summary>Most steps one <see cref="Evolve"/> runs.</summary>
    public int WindowSteps { get; }

    /// <summary>Global neuron of each layer's neuron 0 (layers back to back in file order).</summary>
    public IReadOnlyList<int> LayerStarts => _layout.Starts;

    /// <summary>The device this network runs on.</summary>
    public string Device => _device.Kind;

    /// <summary>
    /// Runs <paramref name="steps"/> (≤ <see cref="WindowSteps"/>) steps on the device, then brings the window's
    /// spikes down: <paramref name="onStep"/> gets each step's spikes as global neuron numbers, ascending.
    /// </summary>
    public void Evolve(int steps, Action<long, ReadOnlySpan<int>>? onStep)
    {
        if (steps < 1 || steps > WindowSteps) throw new ArgumentOutOfRangeException(nameof(steps), $"1..{WindowSteps} steps per window, got {steps}");
        var first = Step;
        for (var k = 0; k < steps; k++)
        {
            var t = first + k;
            if (_layout.Blocks.Length > 0) _driveKernel(_layout.Blocks.Length, _drive, _network.Layers, _neurons.DriveCounts, _drawn ? 1 : 0);
            _drawn = true;
            _neuronKernel(_layout.Neurons, t, _network, _neurons);
            _scatterKernel(_scatterConfig, t, k, _network, _synapses, _neurons.Spikes, _neurons.Counter, _neurons.Marks);
        }
        _device.Accelerator.Synchronize();
        Step = first + steps;
        var marks = new int[WindowSteps];
        _marks.CopyToCPU(marks);
        var total = marks[steps - 1];
        var list = new int[total];
        if (total > 0) _spikes.View.SubView(0, total).CopyToCPU(list);
        _counter.MemSetToZero();
        if (onStep is null) return;
        for (var k = 0; k < steps; k++)
        {
            var segment = list.AsSpan(k == 0 ? 0 : marks[k - 1], marks[k] - (k == 0 ? 0 : marks[k - 1]));
            segment.Sort();
            onStep(first + k, segment);
        }
    }

    /// <summary>Brings the neurons' state and the drive's streams back into the host models (for state reads and checkpoints).</summary>
    public void Download()
    {
        var l = _layout;
        var v = _v.GetAsArray1D();
        var ie = _ie.GetAsArray1D();
        var ii = _ii.GetAsArray1D();
        var r = _refractory.GetAsArray1D();
        var streams = _streams.GetAsArray1D();
        var block = 0;
        for (var i = 0; i < l.Models.Length; i++)
        {
            var m = l.Models[i];
            var s = l.Starts[i];
            Array.Copy(v, s, m.VMem, 0, m.Size);
            Array.Copy(ie, s, m.IExc, 0, m.Size);
            Array.Copy(ii, s, m.IInh, 0, m.Size);
            Array.Copy(r, s, m.RefractoryLeft, 0, m.Size);
            if (!m.HasDrive || !_drawn) continue;
            var states = m.GetRandomState();
            for (var b = 0; b < states.Length; b++, block++) states[b] = streams.AsSpan(4 * l.LastChunks[block], 4).ToArray();
            m.SetRandomState(states);
        }
    }

    public void Dispose()
    {
        foreach (var b in _buffers) b.Dispose();
        _buffers.Clear();
    }

    private void UploadState()
    {
        var l = _layout;
        for (var i = 0; i < l.Models.Length; i++)
        {
            var m = l.Models[i];
            var s = l.Starts[i];
            _v.View.SubView(s, m.Size).CopyFromCPU(m.VMem);
            _ie.View.SubView(s, m.Size).CopyFromCPU(m.IExc);
            _ii.View.SubView(s, m.Size).CopyFromCPU(m.IInh);
            _refractory.View.SubView(s, m.Size).CopyFromCPU(m.RefractoryLeft);
        }
    }

    /// <summary>Every projection's rows, targets and words, one projection at a time (no host copy of the whole network).</summary>
    private SynapseViews UploadSynapses(CompiledNetwork network)
    {
        var l = _layout;
        var rowStarts = Zeros<int>(Math.Max(1, l.RowStartCount));
        var targets = Zeros<int>(Math.Max(1, l.SynapseCount));
        var packed = Zeros<int>(Math.Max(1, l.SynapseCount));
        var first = 0;
        for (var p = 0; p < l.Projections.Length; p++)
        {
            var c = l.Connections[p];
            var table = c.Synapses;
            rowStarts.View.SubView(l.Projections[p].RowOffset, table.PreSize + 1).CopyFromCPU(l.RowStarts(p, first));
            if (table.Count > 0)
            {
                targets.View.SubView(first, table.Count).CopyFromCPU(table.Target);
                packed.View.SubView(first, table.Count).CopyFromCPU(l.Words(p, $"'{network.Layers[c.From].Name}'→'{network.Layers[c.To].Name}'"));
            }
            first += (int)table.Count;
        }
        return new SynapseViews { RowStarts = rowStarts.View, Targets = targets.View, Packed = packed.View };
    }

    private MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(T[] values) where T : unmanaged
    {
        var buffer = _device.Accelerator.Allocate1D(values);
        _buffers.Add(buffer);
        return buffer;
    }

    private MemoryBuffer1D<T, Stride1D.Dense> Zeros<T>(long length) where T : unmanaged
    {
        var buffer = _device.Accelerator.Allocate1D<T>(length);
        buffer.MemSetToZero();
        _buffers.Add(buffer);
        return buffer;
    }
}
