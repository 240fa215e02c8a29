namespace EventSpike.Neurons.Runtime;

/// <summary>
/// Everything a <see cref="LayerEngine"/> needs to continue exactly where it was: the step, the
/// model's state variables and random streams, and the input in flight in every projection's ring
/// (<c>Rings[projection][slot]</c>, null for a slot holding nothing; no slots for a projection with per-synapse
/// delays), followed by the rows of the layer's delay rings (<see cref="DelayRing"/>, values = units · quantum).
/// </summary>
public sealed record EngineSnapshot(
    long Step,
    IReadOnlyDictionary<string, double[]> State,
    ulong[][] Random,
    double[]?[][] Rings);
