using EventSpike.Neurons.Runtime;

namespace EventSpike.Routing.Network;

/// <summary>
/// A compiled connection: synapses from layer <see cref="From"/> to layer <see cref="To"/> (ids are
/// positions in the network file), arriving <see cref="DelaySteps"/> steps after the source spike
/// on port <see cref="Port"/> of the target model.
/// </summary>
public sealed record ConnectionTable(int Id, int From, int To, int Port, int DelaySteps, SynapseTable Synapses)
{
    public bool Recurrent => From == To;
}
