namespace EventSpike.Neurons.Models;

/// <summary>A model's defaults for the membrane parameters it shares with the other NEST-named models (volts, seconds).</summary>
public sealed record MembraneDefaults(double VThresh, double VReset, double VRest, double Refractory);
