using EventSpike.Neurons.Kernels;

namespace EventSpike.Neurons.Runtime;

/// <summary>
/// Projections whose table is a convolution or pooling (<see cref="SynapseTable.Kernel"/>): spikes and samples
/// go through the <see cref="ConvKernel"/> into the ring row of their arrival step, split by output channel on
/// the layer's pool; the row is cleared whole after its step.
/// </summary>
public sealed partial class LayerEngine
{
    private readonly KernelPool? _kernelPool;

    /// <summary>Adds one source step's spikes through the projection's kernel; false when the table must be used instead.</summary>
    private bool DeliverKernel(int projection, long arrival, ReadOnlySpan<int> neurons, int rowOffset)
    {
        var table = _projections[projection].Synapses;
        if (table.HasDelays || table.Kernel is not { } kernel) return false;
        var row = Row(projection, arrival);
        _touched[projection][(int)(arrival % _ringRows[projection])] = long.MaxValue;
        kernel.AddSpikes(neurons, rowOffset, row, _kernelPool);
        return true;
    }
}
