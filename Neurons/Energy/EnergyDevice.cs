namespace EventSpike.Neurons.Energy;

/// <summary>
/// A device's energy figures, as KerasSpiking's ModelEnergy tables them: joules per synaptic operation,
/// joules per neuron update, and whether it is event-driven (<paramref name="Spiking"/>: only synaptic
/// events that happen cost energy) or clocked (every connection and neuron computes every step).
/// </summary>
public sealed record EnergyDevice(string Name, double EnergyPerSynop, double EnergyPerNeuron, bool Spiking);
