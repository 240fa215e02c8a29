namespace EventSpike.Neurons.Energy;

/// <summary>
/// What one layer costs per step, as ModelEnergy counts it: synaptic connections (weights applied per
/// step; biases not counted), neurons (non-linear units updated per step; linear ones count 0) and
/// whether the layer's units are spiking. A layer used twice sums connections and neurons and ANDs spiking.
/// </summary>
public readonly record struct LayerStats(long Connections, long Neurons, bool Spiking)
{
    public static readonly LayerStats Zero = new(0, 0, true);

    public static LayerStats operator +(LayerStats a, LayerStats b) =>
        new(a.Connections + b.Connections, a.Neurons + b.Neurons, a.Spiking && b.Spiking);

    /// <summary>KerasSpiking's act(activation, n): a linear (or no) activation is no neuron; any other is n non-spiking neurons.</summary>
    public static LayerStats Activation(string? activation, long n, long connections = 0) =>
        activation is null or "linear" or "identity" or "None" ? new(connections, 0, true) : new(connections, n, false);
}
