using EventSpike.Neurons.Kernels;

namespace EventSpike.Neurons.Runtime;

/// <summary>
/// A table that is a convolution or pooling (a <c>conv2d</c>, <c>sumpool2d</c>, … connection) keeps the
/// <see cref="ConvKernel"/> it was expanded from: the engine then propagates spikes through the kernel
/// (<see cref="LayerEngine"/>), which adds the same terms in the same order; every other use (shards,
/// per-synapse delays, accelerators, export as a matrix, counts) sees the synapses. A table derived from
/// this one (columns of a shard, sorted rows, delays) is a plain table again.
/// </summary>
public sealed partial class SynapseTable
{
    /// <summary>The convolution this table was expanded from, or null.</summary>
    public ConvKernel? Kernel
    {
        get => _kernel;
        private init
        {
            if (value is not null && (value.InSize != PreSize || value.OutSize != PostSize))
                throw new ArgumentException($"a kernel of {value.InSize} → {value.OutSize} cannot stand for a {PreSize} → {PostSize} table");
            _kernel = value;
        }
    }

    private readonly ConvKernel? _kernel;

    /// <summary>This table (the same synapses) marked as the expansion of <paramref name="kernel"/>.</summary>
    public SynapseTable WithKernel(ConvKernel kernel)
    {
        if (_packed is not null) throw new InvalidOperationException("a table with per-synapse delays cannot be a kernel");
        return new SynapseTable(PreSize, PostSize, RowStart, Target, _weights ?? (Target.Length > 0 ? [_uniform] : []), _weights is null) { Kernel = kernel };
    }
}
