using MessagePack;

namespace EventSpike.Routing.Messages;

/// <summary>
/// What probe <paramref name="Probe"/> (its id in the network) read in one window: sample i after
/// step <c>Steps[i]</c>, <c>Values[i·n + j]</c> for its j-th neuron.
/// </summary>
[MessagePackObject]
public sealed record ProbeBatch(
    [property: Key(0)] int Probe,
    [property: Key(1)] long[] Steps,
    [property: Key(2)] double[] Values);
