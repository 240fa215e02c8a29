namespace EventSpike.Neurons.Energy;

/// <summary>
/// KerasSpiking's stat functions for its Keras layer types, for models described layer by layer
/// (e.g. a trainable sequence model). <c>outSize</c> is the product of the output shape
/// without batch and time axes.
///   Dense(units):      connections = (outSize/units)·in_features·units (bias not counted); act(activation, outSize)
///   Conv (any d):      connections = outSize·Π kernel_spatial·in_channels; act(activation, outSize)
///   Activation / ReLU: 0 connections; act(activation or "relu", outSize)
///   SpikingActivation: 0 connections; neurons = units per step, spiking
/// </summary>
public static class KerasLayerStats
{
    public static LayerStats Dense(long inFeatures, long units, string? activation, long outSize = -1)
    {
        var size = outSize < 0 ? units : outSize;
        return LayerStats.Activation(activation, size, size / units * inFeatures * units);
    }

    public static LayerStats Conv(long outSize, IReadOnlyList<int> kernel, long inChannels, string? activation) =>
        LayerStats.Activation(activation, outSize, outSize * kernel.Aggregate(1L, (a, k) => a * k) * inChannels);

    public static LayerStats Activation(string? activation, long outSize) => LayerStats.Activation(activation ?? "relu", outSize);

    public static LayerStats SpikingActivation(long units) => new(0, units, true);
}
