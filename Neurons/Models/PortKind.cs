namespace EventSpike.Neurons.Models;

/// <summary>How a model reads what arrives on one of its input ports.</summary>
public enum PortKind
{
    /// <summary>Weighted spikes: the sum of weights arriving in a step is a jump applied at the start of that step.</summary>
    Spikes,

    /// <summary>A continuous signal: the value is held constant over the step.</summary>
    Current,
}
