namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// Everything a board needs to run a layer: the model, the chip step, the layer's neurons (output
/// channel k is board neuron <see cref="Neurons"/>[k]), the FPGA virtual neurons its input channels
/// drive (channel i is virtual neuron <see cref="VirtualInputs"/>[i]), the CAM connections, the
/// per-core parameters, the neurons on the second membrane leak, and the frozen mismatch (its seed and
/// spread, plus the per-neuron factor tables when they were given explicitly), so a saved configuration
/// reloads exactly (<see cref="BoardConfigJson"/>).
/// </summary>
public sealed record BoardConfig
{
    public BoardMode Mode { get; init; } = BoardMode.Dpi;

    /// <summary>The chip model's integration step, s.</summary>
    public double ChipDt { get; init; } = 1e-5;

    public int[] Neurons { get; init; } = [];

    public int[] VirtualInputs { get; init; } = [];

    public BoardConnection[] Connections { get; init; } = [];

    /// <summary>Board neurons whose leak is TauMem2 / tau_mem_2.</summary>
    public int[] Tau2 { get; init; } = [];

    /// <summary>One entry per core (16) in DPI mode.</summary>
    public DpiCoreParameters[] DpiCores { get; init; } = Enumerable.Range(0, BoardGeometry.Cores).Select(_ => new DpiCoreParameters()).ToArray();

    public VirtualDynapseParameters Virtual { get; init; } = new();

    public DeviceMismatch Mismatch { get; init; } = new(0, DeviceMismatch.DefaultSigma);

    /// <summary>Explicit per-neuron mismatch factors (board ID → factors) that replace the seeded ones.</summary>
    public IReadOnlyDictionary<int, double[]> NeuronFactors { get; init; } = new Dictionary<int, double[]>();

    /// <summary>DPI mode: DynapSim v3's double leak subtraction (dynapse.md §5.10).</summary>
    public bool RockpoolParity { get; init; }

    /// <summary>SRAM 0 kept for the FPGA monitor: fan-out ≤ 3 chips (else 4).</summary>
    public bool Monitored { get; init; } = true;

    /// <summary>The mismatch factors of board neuron <paramref name="id"/>: the explicit ones, else the seeded ones.</summary>
    public double[] FactorsOf(int id)
    {
        if (NeuronFactors.TryGetValue(id, out var given)) return given;
        var n = Mode == BoardMode.Dpi ? DpiNeurons.MismatchParameters : AdExNeurons.MismatchParameters;
        var f = new double[n];
        for (var p = 0; p < n; p++) f[p] = Mismatch.Neuron(id, p);
        return f;
    }

    /// <summary>The same configuration with every mapped neuron's factors written out (what a saved file holds).</summary>
    public BoardConfig WithExplicitFactors() =>
        this with { NeuronFactors = Neurons.ToDictionary(id => id, FactorsOf) };
}
