namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// The neurons of a board's used IDs, stepped at the chip step: <c>drive[type·N + k]</c> is the
/// number of CAM matches (each scaled by its synapse's mismatch factor) that reached local neuron k
/// on synapse type <c>type</c> during the step. Spiking local indices are appended in ascending order.
/// </summary>
public interface IBoardNeurons
{
    int Count { get; }

    double Dt { get; }

    void Step(ReadOnlySpan<double> drive, List<int> spikes);

    void Reset();

    /// <summary>State variables by name (e.g. <c>i_mem</c>), for probes and tests.</summary>
    IReadOnlyDictionary<string, double[]> State { get; }
}
