namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// The neurons of a board's used IDs, stepped at the chip step. The board delivers CAM matches into a
/// drive buffer of <see cref="DriveLength"/> floats: a match of synapse type t on local neuron k adds
/// <see cref="DriveIncrement"/>(t, k) × (its synapse's mismatch factor × connection count) at
/// <see cref="DriveIndex"/>(t, k); the step reads the buffer and leaves it zeroed for the next step.
/// Spiking local indices are appended in ascending order.
/// </summary>
public interface IBoardNeurons
{
    int Count { get; }

    double Dt { get; }

    int DriveLength { get; }

    int DriveIndex(SynapseType type, int k);

    /// <summary>What one CAM match of <paramref name="type"/> adds to the drive of neuron k, in the model's internal unit.</summary>
    float DriveIncrement(SynapseType type, int k);

    void Step(Span<float> drive, List<int> spikes);

    void Reset();

    /// <summary>Names of the state variables (e.g. <c>i_mem</c>), for probes and tests.</summary>
    IReadOnlyList<string> StateNames { get; }

    /// <summary>A copy of a state variable in SI units (A, V, steps); synapse currents type-major [type·Count + k].</summary>
    double[] Read(string name);

    /// <summary>Overwrites a state variable (same layout and units as <see cref="Read"/>).</summary>
    void Write(string name, ReadOnlySpan<double> values);
}
