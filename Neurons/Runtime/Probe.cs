namespace EventSpike.Neurons.Runtime;

/// <summary>
/// Records state variable <paramref name="Variable"/> of neurons <paramref name="Neurons"/> after every
/// <paramref name="EverySteps"/>-th step (steps k with (k+1) mod EverySteps = 0; the value after
/// integrating step k, stamped (k+1)·dt).
/// </summary>
public sealed record Probe(string Variable, int[] Neurons, int EverySteps)
{
    public bool IsDue(long step) => (step + 1) % EverySteps == 0;
}
