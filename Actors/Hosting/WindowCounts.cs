namespace EventSpike.Actors.Hosting;

/// <summary>
/// What a backend did in a window: synaptic events delivered (one per synapse a spike or sample went
/// through, recurrent ones included) and neuron updates (neurons × model steps integrated). The inputs
/// of energy estimates and of synaptic-operations-per-second figures.
/// </summary>
public readonly record struct WindowCounts(long SynapticEvents, long NeuronUpdates)
{
    public static WindowCounts operator +(WindowCounts a, WindowCounts b) =>
        new(a.SynapticEvents + b.SynapticEvents, a.NeuronUpdates + b.NeuronUpdates);
}
