namespace EventSpike.Neurons.Runtime;

/// <summary>How a <see cref="DelayRing"/> keeps its events in flight (every layout gives the same rows, bit for bit).</summary>
public enum DelayRingLayout
{
    /// <summary>Queued where the rows would not fit in a core's L2 and the ring allows it (32-bit, at most 2¹⁶ targets), else dense.</summary>
    Auto,

    /// <summary>Rows × targets of whole numbers; a synapse adds into its arrival row's cell (a random read-modify-write).</summary>
    Dense,

    /// <summary>Per arrival step a list of (target, q) entries appended in delivery order, added into one row at that step.</summary>
    Queued,
}
