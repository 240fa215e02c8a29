namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// <paramref name="Count"/> CAM entries of neuron <paramref name="Post"/> listening to
/// <paramref name="Pre"/> (a board neuron, or an FPGA virtual neuron when <paramref name="Virtual"/>)
/// on synapse type <paramref name="Type"/>: a weight of Count × the post core's weight of that type.
/// </summary>
public readonly record struct BoardConnection(int Pre, bool Virtual, int Post, SynapseType Type, int Count);
