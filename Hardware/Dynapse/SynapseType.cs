namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// The four DYNAP-SE1 synapse circuits, by their 2-bit CAM code (dynapse.md §1.1, §2.4):
/// GABA_B slow subtractive inhibition, GABA_A fast shunting inhibition, NMDA slow voltage-gated
/// excitation, AMPA fast excitation.
/// </summary>
public enum SynapseType
{
    SlowInh = 0,
    FastInh = 1,
    SlowExc = 2,
    FastExc = 3,
}
