namespace EventSpike.Neurons.Models;

/// <summary>
/// A model whose neurons are independent within a step, so that disjoint neuron ranges can be
/// integrated on different cores. Ranges start and end at multiples of <see cref="PartitionGranularity"/>
/// (the size of its random-stream blocks), which keeps every draw, and so every result, the same
/// however the layer is split.
/// </summary>
public interface IPartitionedModel : ILayerModel
{
    int PartitionGranularity { get; }

    /// <summary>
    /// Integrates neurons [<paramref name="from"/>, <paramref name="to"/>) for step <paramref name="step"/>;
    /// spiking neurons of that range are appended to <paramref name="spikes"/> in ascending order.
    /// <see cref="ILayerModel.Step"/> is this over the whole layer.
    /// </summary>
    void StepRange(long step, double[][] portInput, List<int> spikes, int from, int to);
}
