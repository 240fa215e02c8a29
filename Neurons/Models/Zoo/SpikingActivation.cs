using System.Text.Json.Nodes;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// KerasSpiking/PyTorchSpiking's <c>SpikingActivation</c>: any element-wise activation turned into
/// spikes by a voltage accumulator (inference path). Per unit, each step:
///   r_k = act(x_k);  v ← v + r_k·dt;  n_k = ⌊v⌋;  v ← v − n_k   (v stays in [0, 1))
/// so Σ n_k = v_0 − v_K + Σ r_k·dt exactly. The libraries output n_k/dt: here unit j emits its
/// index n_k times (repeated indices), and the amplitude 1/dt is the consumer's weight scale (a
/// connection from this layer should carry weight w/dt to reproduce w·n/dt).
/// Negative activations give negative spikes (n_k ≤ −1). With <c>split_negative</c> (the default
/// for activations that can go negative: tanh, linear, leaky_relu) the layer has 2·units outputs:
/// channel j carries unit j's positive spikes and channel units + j its negative ones (weight them
/// −1/dt). Without it (relu, sigmoid, or split_negative false) size = units and negative spikes
/// are dropped from the output (the voltage still counts them).
/// Initial voltages: <c>initial_state</c> (per unit) when given, else U[0, 1) drawn per block of
/// 1024 units from a stream seeded by <c>seed</c>, else from the layer's own streams; the same on
/// every reset (Keras with a fixed seed). <c>spiking_aware_training</c> and
/// <c>return_sequences</c> only matter for training and for sequence shapes: they are kept for
/// to_dict. State: <c>v</c>.
/// The step itself is computed as counts (<see cref="StepCounts"/>: one signed n_k per unit, memory
/// O(units) however large r·dt is); <see cref="Step"/> then writes them as repeated indices, which the
/// spike-event runtime needs, and refuses a step of more than <see cref="MaxSpikesPerStep"/> spikes (a
/// huge dt·rate) with a message naming the layer instead of filling gigabytes.
/// </summary>
public sealed class SpikingActivation : ZooLayer
{
    private readonly Func<double, double> _act;
    private readonly double[] _v0;

    public SpikingActivation(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        var total = RequireSize();
        ActivationName = p.Text("activation", "relu");
        _act = Activation.ByName(ActivationName, "activation");
        SplitNegative = p.Bool("split_negative", Activation.CanBeNegative(ActivationName));
        if (SplitNegative && total % 2 != 0)
            throw new ModelParameterException("size", $"with split_negative the layer has 2·units outputs: size must be even, got {total}");
        Units = SplitNegative ? total / 2 : total;
        Ports = [new InputPort("input", PortKind.Current, Units)];
        SpikingAwareTraining = p.Bool("spiking_aware_training", true);
        ReturnSequences = p.Bool("return_sequences", true);
        Seed = p.Has("seed") && !p.IsNull("seed") ? (long)p.Scalar("seed", 0) : null;
        _v0 = new double[Units];
        if (p.Has("initial_state")) _v0 = p.PerNeuron("initial_state", 0, Units);
        else if (Seed is { } seed)
            for (var b = 0; b * BlockNoise.BlockSize < Units; b++)
            {
                var rng = StreamSeed.Generator((ulong)seed, "SpikingActivation", b);
                for (var j = b * BlockNoise.BlockSize; j < Math.Min(Units, (b + 1) * BlockNoise.BlockSize); j++) _v0[j] = rng.NextDouble();
            }
        else InitialPotentials.Fill(_v0, streams, rng => rng.NextDouble());
        V = AddState("v", Units);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public string ActivationName { get; }
    public bool SplitNegative { get; }
    public int Units { get; }
    public bool SpikingAwareTraining { get; }
    public bool ReturnSequences { get; }
    public long? Seed { get; }

    /// <summary>Accumulator voltage per unit.</summary>
    public double[] V { get; }

    public override void ResetState() => Array.Copy(_v0, V, Units);

    /// <summary>The most spikes one step may write as events (64 MB of indices); beyond it the step is refused.</summary>
    public const long MaxSpikesPerStep = 1L << 24;

    /// <summary>
    /// One step as counts: <paramref name="counts"/>[j] = n_k of unit j (negative for negative spikes),
    /// the accumulator updated. Nothing is allocated, whatever r·dt.
    /// </summary>
    public void StepCounts(ReadOnlySpan<double> x, Span<double> counts)
    {
        for (var j = 0; j < Units; j++)
        {
            var v = V[j] + _act(x[j]) * Dt;
            var n = Math.Floor(v);
            V[j] = v - n;
            counts[j] = n;
        }
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        var counts = _counts ??= new double[Units];
        StepCounts(portInput[0], counts);
        double total = 0;
        foreach (var n in counts) total += n > 0 || SplitNegative ? Math.Abs(n) : 0;
        if (total > MaxSpikesPerStep)
            throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{ClassName}: step {step} would emit {total:N0} spikes ({total / Units:N0} a unit: activation·dt is that large); at most {MaxSpikesPerStep} a step: use a smaller dt or scale the input"));
        for (var j = 0; j < Units; j++)
            for (var c = 0; c < counts[j]; c++) spikes.Add(j);
        if (!SplitNegative) return;
        for (var j = 0; j < Units; j++)
            for (var c = 0; c < -counts[j]; c++) spikes.Add(Units + j);
    }

    private double[]? _counts;

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["activation"] = ActivationName;
        d["split_negative"] = SplitNegative;
        d["spiking_aware_training"] = SpikingAwareTraining;
        d["return_sequences"] = ReturnSequences;
        if (Seed is { } seed) d["seed"] = seed;
        d["initial_state"] = ModelDict.PerNeuron(_v0);
        return d;
    }
}
