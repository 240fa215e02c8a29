using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// The KerasSpiking docs' Percentile example: a spiking network that computes the product of its two
/// inputs. Each sample holds (x₁, x₂) ~ U(0, 1)² for T steps; the target is x₁·x₂.
///   Dense(2 → 50, linear) → SpikingActivation(relu, spiking-aware) → average over time (rates, Hz) → Dense(50 → 1)
/// The rates are kept in [5, 10] Hz by a Percentile regularizer (p = 100: each neuron's maximum over the
/// batch, ranged L2) on the averaged layer. The loss is the MSE on the last layer.
/// </summary>
public sealed class ProductTask
{
    public ProductTask(int hidden = 50, double dt = 0.01, int steps = 100, ulong seed = 0, double rateWeight = 0.01)
    {
        Dt = new DtVariable(dt);
        Steps = steps;
        Hidden = new DenseLayer("dense", 2, hidden, "linear", seed);
        // Start the rates where they should end: weights ×10 (U(±3.3)) and biases U(0, 10) Hz, so the relu's
        // kink lies inside the input square for many units (a product needs the non-linearity).
        var init = StreamSeed.Generator(seed, "product-init", 0);
        for (var i = 0; i < Hidden.Weights.Value.Length; i++) Hidden.Weights.Value[i] *= 10;
        for (var j = 0; j < hidden; j++) Hidden.Bias.Value[j] = init.NextUniform(0, 10);
        Spiking = new SpikingActivationLayer("spiking", hidden, Dt, "relu", spikingAwareTraining: true, seed: seed);
        Readout = new DenseLayer("readout", hidden, 1, "linear", seed);
        for (var i = 0; i < Readout.Weights.Value.Length; i++) Readout.Weights.Value[i] *= 0.05;   // outputs of order 1 at 5–10 Hz
        Model = new SequenceModel([Hidden, Spiking, new TemporalAverageLayer("average", hidden), Readout]);
        Rates = new PercentileRegularizer(100, [0], l2: rateWeight, range: (5, 10));
        Model.Regularize(2, Rates);
    }

    public DtVariable Dt { get; }
    public int Steps { get; }
    public DenseLayer Hidden { get; }
    public SpikingActivationLayer Spiking { get; }
    public DenseLayer Readout { get; }
    public SequenceModel Model { get; }
    public PercentileRegularizer Rates { get; }

    /// <summary><paramref name="samples"/> inputs (B, T, 2), held for T steps, and targets (B, 1, 1).</summary>
    public (Sequence X, Sequence Y) Data(int samples, ulong seed)
    {
        var rng = StreamSeed.Generator(seed, "product-data", 0);
        var x = new Sequence(samples, Steps, 2);
        var y = new Sequence(samples, 1, 1);
        for (var b = 0; b < samples; b++)
        {
            var (x1, x2) = (rng.NextDouble(), rng.NextDouble());
            for (var t = 0; t < Steps; t++) (x[b, t, 0], x[b, t, 1]) = (x1, x2);
            y[b, 0, 0] = x1 * x2;
        }
        return (x, y);
    }

    /// <summary>Mean absolute error of the spiking (inference) network, and the lowest and highest rate (Hz) any neuron reaches on any sample.</summary>
    public (double Mae, double MinRate, double MaxRate, double[] NeuronMax) Evaluate(Sequence x, Sequence y)
    {
        var outputs = Model.Forward(x, training: false);
        var prediction = outputs[^1];
        var mae = prediction.Data.Select((p, i) => Math.Abs(p - y.Data[i])).Average();
        var rates = outputs[2];
        var neuronMax = Enumerable.Range(0, rates.N).Select(j => Enumerable.Range(0, rates.B).Max(b => rates[b, 0, j])).ToArray();
        return (mae, rates.Data.Min(), rates.Data.Max(), neuronMax);
    }
}
