using EventSpike.Neurons.Models.Zoo;

namespace EventSpike.Neurons.Training;

/// <summary>
/// FORCE-style reservoir transfer (Rockpool's ForceRateEulerJax): a ForceRateEulerJax reservoir is driven
/// with its input and, in place of recurrence, a forcing signal F_k (the recurrent input H(x_k)·W_rec of
/// a target reservoir, or any signal the reservoir should produce itself). Its activations H(x_k), taken
/// before each step, are regressed on the forcing:
///   W_rec = (AᵀA + λI)⁻¹·AᵀF   (A: T×N activations, F: T×N forcing; no bias)
/// so that a RecRateEulerJax with W_rec generates the forcing from its own activity. Batches accumulate
/// (<see cref="Add"/>), as the ridge trainer's.
/// </summary>
public sealed class ReservoirTransfer
{
    private readonly RidgeRegression _ridge;
    private readonly Func<double, double> _h;

    public ReservoirTransfer(RecRateEulerJax forced, double regularize = 0)
    {
        if (!forced.IsForce) throw new ArgumentException("reservoir transfer drives a ForceRateEulerJax (a reservoir with a forcing port)");
        Reservoir = forced;
        Neurons = forced.Ports[1].Width;
        _h = Activation.ByName(forced.ActivationName, "activation_func");
        _ridge = new RidgeRegression(Neurons, Neurons, regularize, trainBiases: false);
    }

    public RecRateEulerJax Reservoir { get; }
    public int Neurons { get; }

    /// <summary>Runs the forced reservoir over <paramref name="input"/>[k] (its input) and <paramref name="force"/>[k], accumulating activations and forcing.</summary>
    public void Add(IReadOnlyList<double[]> input, IReadOnlyList<double[]> force)
    {
        if (input.Count != force.Count) throw new ArgumentException($"{input.Count} input rows but {force.Count} forcing rows");
        var a = new double[input.Count, Neurons];
        var f = new double[input.Count, Neurons];
        var spikes = new List<int>();
        for (var k = 0; k < input.Count; k++)
        {
            var x = Reservoir.GetState("x");
            for (var j = 0; j < Neurons; j++)
            {
                a[k, j] = _h(x[j]);
                f[k, j] = force[k][j];
            }
            Reservoir.Step(k, [input[k], force[k]], spikes);
        }
        _ridge.Accumulate(a, f);
    }

    /// <summary>The recurrent weights (N×N) that reproduce the forcing from the activations.</summary>
    public double[,] Solve() => _ridge.Solve().Weights;
}
