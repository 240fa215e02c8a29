namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// One event of the FPGA spike generator (dynapse.md §1.4): virtual neuron <paramref name="NeuronId"/>
/// (its tag) sent to the cores of <paramref name="CoreMask"/> on <paramref name="TargetChip"/>,
/// <paramref name="Isi"/> ticks of the ISI base after the previous event. A core mask of 0 is a
/// dummy event that only bridges a gap longer than 65,535 ticks.
/// </summary>
public readonly record struct FpgaEvent(int NeuronId, int TargetChip, int CoreMask, int Isi);
