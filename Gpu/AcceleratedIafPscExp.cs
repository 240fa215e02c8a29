using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;
using ILGPU;
using ILGPU.Runtime;

namespace EventSpike.Gpu;

/// <summary>
/// <see cref="IafPscExp"/> computed on an ILGPU accelerator: the same parameters and the same exact
/// propagators (see IafPscExp for the equations), one kernel thread per neuron and step. State lives
/// on the device; each step uploads the port inputs and downloads one spike flag per neuron. On
/// ILGPU's CPU accelerator the arithmetic is the CPU's, so the spikes equal the CPU model's bit for
/// bit; a GPU may contract a·b + c into one rounding (FMA), so its spikes can differ in rare ties.
/// </summary>
public sealed class AcceleratedIafPscExp : ILayerModel, IDisposable
{
    private readonly IafPscExp _cpu;
    private readonly AcceleratorDevice _device;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _v, _ie, _ii, _refractory, _exc, _inh, _current;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _fired;
    private readonly int[] _flags;
    private readonly Action<Index1D, StepArguments, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>,
        ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<int>> _kernel;
    private readonly StepArguments _arguments;
    private bool _stateOnHost = true;

    /// <summary>The propagators of one step, as the kernel takes them.</summary>
    public readonly record struct StepArguments(double A, double SExc, double SInh, double CExc, double CInh, double RestBias,
        double Threshold, double Reset, double Hold);

    public AcceleratedIafPscExp(IafPscExp cpu, AcceleratorDevice device)
    {
        _cpu = cpu;
        _device = device;
        var acc = device.Accelerator;
        var n = cpu.Size;
        _v = acc.Allocate1D<double>(n);
        _ie = acc.Allocate1D<double>(n);
        _ii = acc.Allocate1D<double>(n);
        _refractory = acc.Allocate1D<double>(n);
        _exc = acc.Allocate1D<double>(n);
        _inh = acc.Allocate1D<double>(n);
        _current = acc.Allocate1D<double>(n);
        _fired = acc.Allocate1D<int>(n);
        _flags = new int[n];
        _kernel = acc.LoadAutoGroupedStreamKernel<Index1D, StepArguments, ArrayView<double>, ArrayView<double>, ArrayView<double>,
            ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<int>>(StepKernel);
        var p = cpu.Propagators;
        _arguments = new StepArguments(p.A, p.SExc, p.SInh, p.CExc, p.CInh, cpu.VRest + cpu.Bias, cpu.VThresh, cpu.VReset, p.RefractorySteps);
    }

    public string ClassName => IafPscExp.TypeName;
    public int Size => _cpu.Size;
    public double Dt => _cpu.Dt;
    public IReadOnlyList<InputPort> Ports => _cpu.Ports;

    /// <summary>The accelerator this layer runs on.</summary>
    public string Device => _device.Kind;

    public void Step(long step, double[][] portInput, List<int> spikes)
    {
        Upload();
        _exc.CopyFromCPU(portInput[0]);
        _inh.CopyFromCPU(portInput[1]);
        _current.CopyFromCPU(portInput[2]);
        _kernel(Size, _arguments, _v.View, _ie.View, _ii.View, _refractory.View, _exc.View, _inh.View, _current.View, _fired.View);
        _fired.CopyToCPU(_flags);
        for (var j = 0; j < _flags.Length; j++)
            if (_flags[j] != 0) spikes.Add(j);
    }

    /// <summary>
    /// One neuron, one step: the same operations in the same order as <see cref="IafPscExp.StepRange"/>.
    /// </summary>
    private static void StepKernel(Index1D j, StepArguments p, ArrayView<double> v, ArrayView<double> ie, ArrayView<double> ii,
        ArrayView<double> refractory, ArrayView<double> exc, ArrayView<double> inh, ArrayView<double> current, ArrayView<int> fired)
    {
        var e = ie[j] + exc[j];
        var i = ii[j] + inh[j];
        ie[j] = e * p.SExc;
        ii[j] = i * p.SInh;
        fired[j] = 0;
        if (refractory[j] > 0)
        {
            refractory[j] = refractory[j] - 1;
            v[j] = p.Reset;
            return;
        }
        var vInf = p.RestBias + current[j];
        var vNew = vInf + (v[j] - vInf) * p.A + e * p.CExc + i * p.CInh;
        if (vNew > p.Threshold)
        {
            fired[j] = 1;
            vNew = p.Reset;
            refractory[j] = p.Hold;
        }
        v[j] = vNew;
    }

    public void ResetState()
    {
        _cpu.ResetState();
        _stateOnHost = true;
    }

    public IReadOnlyList<string> StateNames => _cpu.StateNames;

    public double[] GetState(string name)
    {
        Download();
        return _cpu.GetState(name);
    }

    public void SetState(string name, ReadOnlySpan<double> values)
    {
        Download();
        _cpu.SetState(name, values);
        _stateOnHost = true;
    }

    public JsonObject ToDict() => _cpu.ToDict();

    public void Dispose()
    {
        foreach (var b in new MemoryBuffer[] { _v, _ie, _ii, _refractory, _exc, _inh, _current, _fired }) b.Dispose();
    }

    /// <summary>Moves the state to the device before computing (after a reset or a SetState).</summary>
    private void Upload()
    {
        if (!_stateOnHost) return;
        _v.CopyFromCPU(_cpu.VMem);
        _ie.CopyFromCPU(_cpu.IExc);
        _ii.CopyFromCPU(_cpu.IInh);
        _refractory.CopyFromCPU(_cpu.RefractoryLeft);
        _stateOnHost = false;
    }

    /// <summary>Brings the state back to the host model (for probes, checkpoints and state reads).</summary>
    private void Download()
    {
        if (_stateOnHost) return;
        _v.CopyToCPU(_cpu.VMem);
        _ie.CopyToCPU(_cpu.IExc);
        _ii.CopyToCPU(_cpu.IInh);
        _refractory.CopyToCPU(_cpu.RefractoryLeft);
        _stateOnHost = true;
    }
}
