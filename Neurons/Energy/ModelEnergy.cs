namespace EventSpike.Neurons.Energy;

/// <summary>
/// KerasSpiking's <c>ModelEnergy</c>: energy per inference of a model's layers on a device.
/// With dt the device's step (default 0.001 s) and T the time steps per inference:
///   clocked device (cpu, gpu, arm):  synop_E = e_syn·connections;            neuron_E = e_neu·neurons
///   event-driven (loihi, spinnaker…): synop_E = e_syn·connections·rate·dt·T;  neuron_E = e_neu·neurons·T
///   total = Σ_layers (synop_E + neuron_E)
/// where rate (Hz) is the layer's input rate measured on example data (required on an event-driven device).
/// <see cref="EnergySummary"/> prints the table.
/// </summary>
public sealed class ModelEnergy(IReadOnlyList<EnergyLayer> layers, double dt = 0.001)
{
    public IReadOnlyList<EnergyLayer> Layers { get; } = layers;

    /// <summary>The default device step (KerasSpiking's default.dt).</summary>
    public double Dt { get; } = dt > 0 ? dt : throw new ArgumentException($"dt must be > 0, got {dt}");

    /// <summary>Synop and neuron energy of one layer per inference, in joules.</summary>
    public (double Synop, double Neuron) LayerEnergy(EnergyLayer layer, string device, int timestepsPerInference = 1, double? dt = null)
    {
        var d = EnergyDevices.Get(device);
        var s = layer.Stats;
        if (!d.Spiking) return (d.EnergyPerSynop * s.Connections, d.EnergyPerNeuron * s.Neurons);
        if (timestepsPerInference < 1) throw new ArgumentException($"timesteps per inference must be ≥ 1, got {timestepsPerInference}");
        var rate = layer.Rate ?? throw new InvalidOperationException("ModelEnergy.example_data must be given in order to calculate energy on a spiking device");
        var step = dt ?? Dt;
        return (d.EnergyPerSynop * s.Connections * rate * step * timestepsPerInference, d.EnergyPerNeuron * s.Neurons * timestepsPerInference);
    }

    /// <summary>Σ over layers of synop + neuron energy per inference, in joules.</summary>
    public double TotalEnergy(string device, int timestepsPerInference = 1, double? dt = null)
    {
        var total = 0.0;
        foreach (var layer in Layers)
        {
            var (synop, neuron) = LayerEnergy(layer, device, timestepsPerInference, dt);
            total += synop + neuron;
        }
        return total;
    }

    /// <summary>The summary table (<see cref="EnergySummary"/>).</summary>
    public string SummaryString(IReadOnlyList<string>? columns = null, int lineLength = 98, bool printWarnings = true, int timestepsPerInference = 1) =>
        EnergySummary.Format(this, columns ?? EnergySummary.DefaultColumns, lineLength, printWarnings, timestepsPerInference);
}
