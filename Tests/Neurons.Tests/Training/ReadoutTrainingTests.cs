using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Series;
using EventSpike.Neurons.Training;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Training;

public class ReadoutTrainingTests
{
    private const double Dt = 1e-3;
    private const int Steps = 600;
    private const int Inputs = 5;

    /// <summary>Bernoulli spikes (p = 0.1 per step and channel), stamped at the start of their step.</summary>
    private static TSEvent Spikes()
    {
        var rng = StreamSeed.Generator(7, "readout-spikes", 0);
        var times = new List<double>();
        var channels = new List<int>();
        for (var k = 0; k < Steps; k++)
            for (var c = 0; c < Inputs; c++)
                if (rng.NextDouble() < 0.1)
                {
                    times.Add(k * Dt);
                    channels.Add(c);
                }
        return new TSEvent(times.ToArray(), channels.ToArray(), tStart: 0, tStop: Steps * Dt, numChannels: Inputs);
    }

    /// <summary>Two target channels sampled at every step, 0 … Steps·dt.</summary>
    private static TSContinuous Target()
    {
        var times = Enumerable.Range(0, Steps + 1).Select(k => k * Dt).ToArray();
        var y = new double[times.Length, 2];
        for (var k = 0; k < times.Length; k++)
        {
            y[k, 0] = Math.Sin(2 * Math.PI * 5 * times[k]);
            y[k, 1] = 0.5 + Math.Cos(2 * Math.PI * 3 * times[k]);
        }
        return new TSContinuous(times, y);
    }

    /// <summary>The spikes through an identity FFExpSyn (τ 10 ms) stepped by the model itself: sample 0 is the rest value, sample k+1 the output of step k.</summary>
    private static TSContinuous Filtered(TSEvent spikes)
    {
        var layer = Make("FFExpSyn", 0, Dt, $$"""{"weights": {{Inputs}}, "tau_syn": 0.01}""");
        var raster = spikes.Raster(Dt, 0, numTimesteps: Steps, addEvents: true);
        var times = Enumerable.Range(0, Steps + 1).Select(k => k * Dt).ToArray();
        var y = new double[Steps + 1, Inputs];
        for (var k = 0; k < Steps; k++)
        {
            Step(layer, k, Enumerable.Range(0, Inputs).Select(c => (double)raster[k, c]).ToArray());
            for (var c = 0; c < Inputs; c++) y[k + 1, c] = layer.Output[c];
        }
        return new TSContinuous(times, y);
    }

    private static readonly (double From, double To)[] Batches = [(0, 0.2), (0.2, 0.45), (0.45, 0.6)];

    private static ReadoutResult TrainInBatches(ReadoutTrainer trainer, EventSpike.Neurons.Series.TimeSeries input, TSContinuous target)
    {
        ReadoutResult? last = null;
        for (var i = 0; i < Batches.Length; i++)
            last = trainer.TrainRR(target.Clip(Batches[i].From, Batches[i].To), input, i == 0, i == Batches.Length - 1);
        return last!;
    }

    private static string Zeros(int m, int n) => "[" + string.Join(",", Enumerable.Repeat("[" + string.Join(",", Enumerable.Repeat("0", n)) + "]", m)) + "]";

    [Fact]
    public void FFExpSyn_FFRateEuler_and_PassThrough_trained_on_equivalent_inputs_agree_as_in_Rockpools_test()
    {
        var spikes = Spikes();
        var target = Target();
        var filtered = Filtered(spikes);
        var options = new RidgeOptions(Regularize: 0.1, ReturnTrainedOutput: true);
        var exp = TrainInBatches(new FFExpSynReadout((FFExpSyn)Make("FFExpSyn", 0, Dt, $$"""{"weights": {{Zeros(Inputs, 2)}}, "tau_syn": 0.01}"""), options), spikes, target);
        var rate = TrainInBatches(new ContinuousReadout(Make("FFRateEuler", 0, Dt, $$"""{"weights": {{Zeros(Inputs, 2)}}}"""), options), filtered, target);
        var pass = TrainInBatches(new ContinuousReadout(Make("PassThrough", 0, Dt, $$"""{"weights": {{Zeros(Inputs, 2)}}}"""), options), filtered, target);
        foreach (var other in new[] { rate, pass })
        {
            for (var i = 0; i < Inputs; i++)
                for (var j = 0; j < 2; j++) Close(exp.Weights![i, j], other.Weights![i, j], 1e-4, $"w[{i},{j}]");
            for (var j = 0; j < 2; j++) Close(exp.Bias![j], other.Bias![j], 1e-4, $"b[{j}]");
        }
        Assert.True(exp.Weights!.Cast<double>().Any(w => Math.Abs(w) > 0.01), "the weights are all near zero");
        // The trained output of the last batch (0.45 … 0.6 s, end point included: 151 rows) is X·W + b.
        Assert.Equal(151, exp.TrainedOutput!.GetLength(0));
    }

    [Fact]
    public void Batches_carry_the_filter_and_give_the_weights_of_one_batch_and_the_trained_layer_reproduces_the_fit()
    {
        var spikes = Spikes();
        var target = Target();
        var layer = (FFExpSyn)Make("FFExpSyn", 0, Dt, $$"""{"weights": {{Zeros(Inputs, 2)}}, "tau_syn": 0.01}""");
        var batched = TrainInBatches(new FFExpSynReadout(layer), spikes, target);
        var whole = new FFExpSynReadout(layer).TrainRR(target, spikes, isFirst: true, isLast: true);
        for (var i = 0; i < Inputs; i++) Assert.Equal(whole.Weights![i, 0], batched.Weights![i, 0], 1e-9);
        Assert.Equal(whole.Bias![1], batched.Bias![1], 1e-9);
        // Without store_states the filter restarts each batch, which changes the fit.
        var restarted = TrainInBatches(new FFExpSynReadout(layer, new RidgeOptions(StoreStates: false)), spikes, target);
        Assert.NotEqual(whole.Weights![0, 0], restarted.Weights![0, 0], 6);

        // The trained layer's own output (step k at (k+1)·dt) equals the regression's prediction there.
        var trained = ReadoutTrainer.Apply(layer, whole.Weights!, whole.Bias!, Streams());
        var raster = spikes.Raster(Dt, 0, numTimesteps: Steps, addEvents: true);
        var x = new FFExpSynReadout(layer, new RidgeOptions(ReturnTrainedOutput: true)).TrainRR(target, spikes, true, true).TrainedOutput!;
        for (var k = 0; k < Steps; k++)
        {
            Step(trained, k, Enumerable.Range(0, Inputs).Select(c => (double)raster[k, c]).ToArray());
            Assert.Equal(x[k + 1, 0], trained.Output[0], 1e-9);
        }
    }

    [Fact]
    public void Logistic_regression_learns_a_separable_binary_target()
    {
        var spikes = Spikes();
        var filtered = Filtered(spikes);
        var times = Enumerable.Range(0, Steps + 1).Select(k => k * Dt).ToArray();
        var y = new double[times.Length, 1];
        for (var k = 0; k < times.Length; k++) y[k, 0] = filtered.SampleAt(k, 0) - filtered.SampleAt(k, 1) > 0 ? 1 : 0;
        var target = new TSContinuous(times, y);
        var layer = (FFExpSyn)Make("FFExpSyn", 0, Dt, $$"""{"weights": {{Zeros(Inputs, 1)}}, "tau_syn": 0.01}""");
        var readout = new FFExpSynReadout(layer);
        var (w, b) = readout.TrainLogReg(target, spikes, learningRate: 2.0, batchSize: 50, epochs: 300);
        var correct = 0;
        for (var k = 0; k < Steps; k++)
        {
            var z = b[0];
            for (var i = 0; i < Inputs; i++) z += filtered.SampleAt(k, i) * w[i, 0];
            if ((z > 0) == (y[k, 0] == 1)) correct++;
        }
        Assert.True(correct > 0.95 * Steps, $"{correct} of {Steps} right");
        Assert.True(w[0, 0] > 0 && w[1, 0] < 0, $"w0 {w[0, 0]}, w1 {w[1, 0]}");
    }

    [Fact]
    public void Train_dispatches_rr_and_logreg_as_rockpool_and_refuses_other_methods()
    {
        var spikes = Spikes();
        var times = Enumerable.Range(0, Steps + 1).Select(k => k * Dt).ToArray();
        var (y, labels) = (new double[times.Length, 1], new double[times.Length, 1]);
        for (var k = 0; k < times.Length; k++) (y[k, 0], labels[k, 0]) = (Math.Sin(2 * Math.PI * 5 * times[k]), Math.Sin(2 * Math.PI * 5 * times[k]) > 0 ? 1 : 0);
        var (target, binary) = (new TSContinuous(times, y), new TSContinuous(times, labels));
        var layer = (FFExpSyn)Make("FFExpSyn", 0, Dt, $$"""{"weights": {{Zeros(Inputs, 1)}}, "tau_syn": 0.01}""");
        var rr = new FFExpSynReadout(layer).TrainRR(target, spikes, isFirst: true, isLast: true);
        var (wr, br) = new FFExpSynReadout(layer).Train(target, spikes, method: "rr");
        Assert.Equal(rr.Weights!.Cast<double>(), wr!.Cast<double>());
        Assert.Equal(rr.Bias, br);
        var notLast = new FFExpSynReadout(layer).Train(target, spikes, isLast: false);
        Assert.Null(notLast.Weights);

        var lr = new FFExpSynReadout(layer).TrainLogReg(binary, spikes, learningRate: 0.5, regularize: 0.01, batchSize: 40, epochs: 3);
        var (wl, bl) = new FFExpSynReadout(layer).Train(binary, spikes, method: "logreg", learningRate: 0.5, regularize: 0.01, batchSize: 40, epochs: 3);
        Assert.Equal(lr.Weights.Cast<double>(), wl!.Cast<double>());
        Assert.Equal(lr.Bias, bl);
        Assert.NotEqual(0, bl![0]);

        var error = Assert.Throws<ArgumentException>(() => new FFExpSynReadout(layer).Train(target, spikes, method: "sgd"));
        Assert.Contains("'sgd'", error.Message);
        Assert.Contains("'rr'", error.Message);
        Assert.Contains("'logreg'", error.Message);
    }
}
