namespace EventSpike.Hardware.Dynapse;

/// <summary>A layer that does not fit the board: every limit it breaks, one sentence each (neuron, core, limit).</summary>
public sealed class MappingException(IReadOnlyList<string> problems)
    : Exception($"the layer does not fit the DYNAP-SE board ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}): {string.Join("; ", problems)}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
