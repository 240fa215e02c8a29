namespace EventSpike.Neurons.Energy;

/// <summary>
/// Energy of a whole run from what its layers counted. Per layer, with stats (connections, neurons),
/// the model steps it integrated S and the synaptic events E its backend delivered:
///   clocked device (cpu, gpu, arm):  synop_J = e_syn·connections·S   (every connection every step)
///   event-driven (loihi, spinnaker…): synop_J = e_syn·E              (only the events that happened)
///   both:                            neuron_J = e_neu·neurons·S      (every neuron is updated every step)
/// which is ModelEnergy's formula with the rate·dt·T of the example data replaced by the counted events.
/// </summary>
public static class RunEnergy
{
    /// <summary>One layer's counts in a run.</summary>
    public sealed record LayerCounts(string Name, LayerStats Stats, long ModelSteps, long SynapticEvents);

    /// <summary>One layer's estimate, in joules.</summary>
    public sealed record LayerJoules(string Name, double SynopJ, double NeuronJ);

    public static (double TotalJ, IReadOnlyList<LayerJoules> Layers) Estimate(string device, IEnumerable<LayerCounts> layers)
    {
        var d = EnergyDevices.Get(device);
        var result = new List<LayerJoules>();
        foreach (var l in layers)
        {
            var synops = d.Spiking ? l.SynapticEvents : l.Stats.Connections * l.ModelSteps;
            result.Add(new LayerJoules(l.Name, d.EnergyPerSynop * synops, d.EnergyPerNeuron * (l.Stats.Neurons * l.ModelSteps)));
        }
        return (result.Sum(l => l.SynopJ + l.NeuronJ), result);
    }
}
