using EventSpike.Neurons.Training.Gradient;
using Xunit;
using static EventSpike.Neurons.Tests.Training.GradientCheck;

namespace EventSpike.Neurons.Tests.Training;

public class ModelTrainingTests
{
    [Fact]
    public void A_whole_model_with_an_activity_regularizer_has_the_gradient_finite_differences_give()
    {
        var dt = new DtVariable(0.01);
        var model = new SequenceModel(
        [
            new DenseLayer("d1", 2, 4, "tanh", seed: 1),
            new LowpassLayer("lp", 4, 0.03, dt, initialLevel: 0.1),
            new AlphaLayer("alpha", 4, 0.02, dt),
            new TemporalAverageLayer("avg", 4),
            new DenseLayer("d2", 4, 1, seed: 2),
        ]);
        model.Regularize(3, new PercentileRegularizer(100, l2: 0.5, range: (0.1, 0.2)));
        var x = Gaussian(3, 8, 2, 20);
        var y = Gaussian(3, 1, 1, 21);
        model.Gradients(x, y);
        foreach (var p in model.Parameters.ToList())
        {
            var analytic = (double[])p.Grad.Clone();
            for (var i = 0; i < p.Value.Length; i++)
            {
                var keep = p.Value[i];
                p.Value[i] = keep + 1e-6;
                var up = model.Loss(model.Forward(x, true), y);
                p.Value[i] = keep - 1e-6;
                var down = model.Loss(model.Forward(x, true), y);
                p.Value[i] = keep;
                Close((up - down) / 2e-6, analytic[i], 1e-5, $"{p.Name}[{i}]");
            }
        }
    }

    [Theory]
    [InlineData(false, 1e-3)]
    [InlineData(true, 3e-2)]
    public void A_trainable_filter_learns_the_tau_and_initial_level_of_its_target(bool alpha, double tolerance)
    {
        // KerasSpiking's test_filter_trainable: input 0.5 (1, 10, 1), target = the same filter with τ/2 and initial level 0.1, Adam(0.01), 150 epochs.
        var dt = new DtVariable(0.001);
        ISequenceLayer Filter(double tau, double level) => alpha ? new AlphaLayer("f", 1, tau, dt, level) : new LowpassLayer("f", 1, tau, dt, level);
        var x = new Sequence(1, 10, 1, Enumerable.Repeat(0.5, 10).ToArray());
        var y = Filter(0.05, 0.1).Forward(x, false);
        var trained = Filter(0.1, 0);
        var model = new SequenceModel([trained]);
        var history = SequenceTrainer.Fit(model, x, y, epochs: 150, batchSize: 1, new Adam(0.01));
        Assert.True(history[^1] < history[0]);
        var (tau, level) = trained is LowpassLayer lp ? (lp.Tau.Value[0], lp.InitialLevel.Value[0]) : (((AlphaLayer)trained).Tau.Value[0], ((AlphaLayer)trained).InitialLevel.Value[0]);
        Assert.Equal(0.05, tau, tolerance);
        Assert.Equal(0.1, level, tolerance);
    }

    [Fact]
    public void The_mean_constraint_shares_one_tau_and_unit_norm_holds_the_level()
    {
        var dt = new DtVariable(0.001);
        var layer = new LowpassLayer("lp", 3, 0.1, dt, tauConstraint: Constraints.Mean, levelConstraint: Constraints.UnitNorm);
        var x = Gaussian(4, 10, 3, 30);
        var y = Gaussian(4, 10, 3, 31, scale: 0.1);
        SequenceTrainer.Fit(new SequenceModel([layer]), x, y, epochs: 3, batchSize: 2, new Adam(0.01));
        Assert.Single(layer.Tau.Value.Distinct());
        Assert.InRange(layer.Tau.Value[0], 0.01, 0.0999999);
        Assert.Equal(1, Math.Sqrt(layer.InitialLevel.Value.Sum(v => v * v)), 1e-6);
    }

    [Fact]
    public void The_dt_scheduler_sets_dt_at_every_batch_and_layers_read_it_at_each_call()
    {
        var schedule = DtScheduler.PiecewiseConstant([0, 16, 32], [1, 0.5, 0.25, 0.1]);
        Assert.Equal([1, 0.5, 0.5, 0.25, 0.25, 0.1], new long[] { 0, 1, 16, 17, 32, 33 }.Select(schedule));
        Assert.Equal(Math.Pow(0.9, 7 / 5.0), DtScheduler.ExponentialDecay(1.0, 5, 0.9)(7), 15);

        var dt = new DtVariable(1);
        var log = new StringWriter();
        var seen = new List<double>();
        var layer = new Probe(dt, seen);
        var x = Gaussian(32, 2, 1, 40);
        SequenceTrainer.Fit(new SequenceModel([layer]), x, x, epochs: 10, batchSize: 2, new Adam(), dtScheduler: new DtScheduler(dt, schedule, log));
        // 16 batches per epoch: step = 16·epoch + batch.
        Assert.Equal(Enumerable.Range(0, 160).Select(s => schedule(s)), seen);
        Assert.Equal(0.1, dt.Value);
        Assert.StartsWith("DtScheduler epoch=0 dt=1.0000", log.ToString());
        Assert.Contains("DtScheduler epoch=1 dt=0.5000", log.ToString());

        // A filter at a changed dt equals one built with that dt.
        var variable = new DtVariable(0.01);
        var lp = new LowpassLayer("lp", 1, 0.1, variable);
        var input = Gaussian(1, 20, 1, 41);
        lp.Forward(input, false);
        variable.Value = 0.05;
        Assert.Equal(new LowpassLayer("lp", 1, 0.1, new DtVariable(0.05)).Forward(input, false).Data, lp.Forward(input, false).Data);
    }

    [Fact]
    public void The_product_example_learns_and_its_rate_penalty_pulls_rates_into_range()
    {
        // The example's network and settings (50 units, rate weight 0.03, lr 0.01) on 50 steps, fewer samples and epochs.
        var task = new ProductTask(hidden: 50, dt: 0.01, steps: 50, seed: 1, rateWeight: 0.03);
        var (x, y) = task.Data(128, seed: 2);
        var before = task.Evaluate(x, y);
        var history = SequenceTrainer.Fit(task.Model, x, y, epochs: 70, batchSize: 16, new Adam(0.01), seed: 3);
        var after = task.Evaluate(x, y);
        Assert.True(history[^1] < 0.5 * history[0], $"loss {history[0]} → {history[^1]}");
        Assert.True(after.Mae < 0.06 && after.Mae < 0.3 * before.Mae, $"MAE {before.Mae} → {after.Mae}");
        // The claim of the example: every hidden neuron's maximum rate over the data ends in [5, 10] Hz
        // (untrained, some lie outside: the range is the regularizer's doing).
        Assert.Contains(before.NeuronMax, m => m < 5 || m > 10);
        Assert.All(after.NeuronMax, m => Assert.InRange(m, 5, 10));
        // The penalty is the ranged L2 of each neuron's maximum rate: it falls as rates approach [5, 10] Hz.
        var rates = task.Model.Forward(x, training: false)[2];
        Assert.Equal(after.NeuronMax.Sum(m => 0.03 * Math.Pow(Math.Max(0, 5 - m) + Math.Max(0, m - 10), 2)), task.Rates.Penalty(rates), 12);
    }

    /// <summary>Records dt at each forward call; the identity otherwise.</summary>
    private sealed class Probe(DtVariable dt, List<double> seen) : ISequenceLayer
    {
        public string Name => "probe";
        public int InputSize => 1;
        public int OutputSize => 1;
        public IReadOnlyList<Parameter> Parameters => [];

        public Sequence Forward(Sequence x, bool training)
        {
            if (training) seen.Add(dt.Value);
            return x.Copy();
        }

        public Sequence Backward(Sequence g) => g.Copy();
    }
}
