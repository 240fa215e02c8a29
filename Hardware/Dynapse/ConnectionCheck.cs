namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// What <see cref="ConnectionValidator"/> found: Rockpool's bitmask (0 valid, 1 fan-in above 64,
/// 2 fan-out above the destination chips, 4 CAM aliasing) and one sentence per violation naming
/// the neuron or core and the limit.
/// </summary>
public sealed record ConnectionCheck(int Bitmask, IReadOnlyList<string> Problems)
{
    public const int FanIn = 1;
    public const int FanOut = 2;
    public const int Aliasing = 4;

    public bool IsValid => Bitmask == 0;
}
