using static EventSpike.Neurons.Models.Docs.SharedDocs;

namespace EventSpike.Neurons.Models.Zoo.Docs;

/// <summary>
/// The documentation of the KerasSpiking and PyTorchSpiking layers: <see cref="SpikingActivation"/>,
/// <see cref="Lowpass"/>, <see cref="Alpha"/>, <see cref="TemporalAvgPool"/>.
/// </summary>
internal static class KerasDocs
{
    private const string Family = "KerasSpiking/PyTorchSpiking";

    private static ParameterDoc[] Filter() =>
    [
        Name,
        P("tau", ParameterDoc.Required, "s", "time constant (≥ 0; 0: identity)"),
        P("tau_initializer", "—", "s", "KerasSpiking 0.3's name for tau, given as a number (read when tau is absent)"),
        P("initial_level", "0", "—", "initial output y"),
        P("apply_during_training", "true", "—", "only matters for training, kept for to_dict"),
    ];

    /// <summary>The parameters both SpikingActivation forms read; only split_negative differs between them.</summary>
    private static ParameterDoc[] Accumulator(ParameterDoc splitNegative) =>
    [
        Name,
        P("activation", "\"relu\"", "—", "relu, tanh, sigmoid, linear, leaky_relu (Keras and Rockpool names)"),
        splitNegative,
        P("spiking_aware_training", "true", "—", "only matters for training, kept for to_dict"),
        P("return_sequences", "true", "—", "only matters for sequence shapes, kept for to_dict"),
        P("seed", "null", "—", "seed of the initial voltages' draw"),
        P("initial_state", "U[0, 1) draw", "—", "initial voltage per unit"),
    ];

    private static readonly PortDoc AccumulatorInput = Port("input", "the activation's input x, one channel per unit, held over the step");

    private static readonly StateDoc AccumulatorVoltage = S("v", "—", "accumulator voltage per unit");

    public static readonly ModelDoc SpikingActivation = new(
        Family,
        "An element-wise activation turned into spikes by a voltage accumulator (inference path).",
        """
        r_k = act(x_k);  v ← v + r_k·dt;  n_k = ⌊v⌋;  v ← v − n_k   (v stays in [0, 1))
        unit j emits its index n_k times (the libraries' n_k/dt: the amplitude 1/dt is the consumer's weight scale)
        split_negative: channel units + j carries unit j's negative spikes; otherwise they are dropped
        """,
        "Exact accumulation: Σ n_k = v_0 − v_K + Σ r_k·dt, computed as one count n_k per unit (memory O(units) whatever r·dt); a step of more than 2^24 spikes is refused (as events they would fill gigabytes: use a smaller dt). Initial v: initial_state, else U[0, 1) per unit (from seed, else the layer's streams), the same on every reset.",
        Accumulator(P("split_negative", "activation can be negative", "—", "2·units outputs, negative spikes on the second half (default: true for tanh, linear, leaky_relu)")),
        [AccumulatorInput],
        [AccumulatorVoltage]);

    public static readonly ModelDoc SpikingActivationCounts = new(
        Family,
        "SpikingActivation with the libraries' own output: each step's spike count per unit as the value n_k/dt.",
        """
        r_k = act(x_k);  v ← v + r_k·dt;  n_k = ⌊v⌋;  v ← v − n_k   (v stays in [0, 1))
        output_k = n_k/dt per unit (signed; size = units), as KerasSpiking and PyTorchSpiking output it
        """,
        "Exact accumulation as SpikingActivation; one number per unit and step whatever r·dt (a huge dt costs no memory). Feed it to Lowpass, Alpha, TemporalAvgPool or any current port.",
        Accumulator(P("split_negative", "false", "—", "must be false: the output is the signed value n_k/dt, one channel a unit")),
        [AccumulatorInput],
        [AccumulatorVoltage]);

    public static readonly ModelDoc Lowpass = new(
        Family,
        "First-order lowpass filter per unit: h(t) = e^(−t/τ)/τ, H(s) = 1/(τs + 1).",
        "y_k = (1 − a)·u_k + a·y_{k−1},  a = e^(−dt/max(τ, 1e-8)),  y_{−1} = initial_level",
        "Zero-order hold (exact for an input held over each step), as KerasSpiking 0.3; the output of step k is y_k.",
        Filter(),
        [CurrentIn],
        [S("y", "—", "filter output")]);

    public static readonly ModelDoc Alpha = new(
        Family,
        "Second-order alpha filter per unit: h(t) = (t/τ²)·e^(−t/τ), H(s) = 1/(τs + 1)².",
        """
        x = [p, y], dx/dt = A_c·x + B_c·u,  A_c = [[−2/τ, −1/τ²], [1, 0]],  B_c = [1/τ², 0]ᵀ;  output y
        """,
        """
        Zero-order hold (exact for an input held over each step); with τ' = max(τ, 1e-8), k = dt/τ', e = e^(−k):
        A = e·[[1 − k, −k/τ'], [dt, 1 + k]],  B = [e·k/τ', 1 − e·(1 + k)]ᵀ,  x_k = A·x_{k−1} + B·u_k. Initially p = 0, y = initial_level.
        """,
        Filter(),
        [CurrentIn],
        [S("p", "1/s", "derivative of the output"), S("y", "—", "filter output")]);

    public static readonly ModelDoc TemporalAvgPool = new(
        "PyTorchSpiking",
        "Mean over the time axis, streamed: the output of step k is the mean of the inputs since the last reset.",
        "out_k = (1/(k + 1))·Σ_{i ≤ k} x_i",
        "Exact (a running sum and count).",
        [
            Name,
            P("dim", "1", "—", "the pooled axis; only the time axis (1) is meaningful on a stream"),
        ],
        [CurrentIn],
        [S("sum", "—", "sum of the inputs"), S("count", "—", "number of steps summed")]);
}
