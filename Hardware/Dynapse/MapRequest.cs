namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// What <see cref="DynapseMapper"/> places: integer connection counts (negative = inhibitory) from M
/// input channels (<see cref="WeightsIn"/>, M×N) and among N neurons (<see cref="WeightsRec"/>, N×N),
/// optionally onto given board neurons and virtual neurons; input-receiving neurons go on cores
/// <see cref="InputCoreIds"/> of chip <see cref="InputChipId"/> (RecDynapSE's l_input_core_ids, input_chip_id).
/// </summary>
public sealed record MapRequest(int[,] WeightsIn, int[,] WeightsRec)
{
    public int[]? NeuronIds { get; init; }

    public int[]? VirtualIds { get; init; }

    public int[] InputCoreIds { get; init; } = [0];

    public int InputChipId { get; init; }

    public bool Monitored { get; init; } = true;
}
