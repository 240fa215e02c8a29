using System.Text.Json.Nodes;
using EventSpike.Actors.Api;
using EventSpike.Neurons.Models.Zoo;
using EventSpike.Neurons.Series;
using EventSpike.Neurons.Training;
using Xunit;

namespace EventSpike.Actors.Tests;

public class NetworkTrainTests
{
    private static TSEvent Input(double until)
    {
        var times = Enumerable.Range(0, (int)(until / 0.003)).Select(i => 0.0005 + 0.003 * i).ToArray();
        return new TSEvent(times, times.Select((_, i) => i % 3 == 0 ? 1 : 0).ToArray(), tStart: 0, tStop: until, numChannels: 2);
    }

    private static TSContinuous Target(double until)
    {
        var times = Enumerable.Range(0, (int)Math.Round(until / 0.001) + 1).Select(k => k * 0.001).ToArray();
        var y = new double[times.Length, 1];
        for (var k = 0; k < times.Length; k++) y[k, 0] = Math.Sin(2 * Math.PI * 4 * times[k]);
        return new TSContinuous(times, y);
    }

    [Fact]
    public void Train_cuts_the_run_into_batches_calls_back_with_first_and_last_and_the_batched_fit_is_the_whole_fit()
    {
        var net = new Network();
        net.AddLayer("readout", JsonNode.Parse("""{"class_name": "FFExpSyn", "weights": [[0.0], [0.0]], "dt": 0.001, "tau_syn": 0.02}""")!.AsObject());
        var target = Target(0.3);
        var calls = new List<(double T, bool First, bool Last)>();
        FFExpSynReadout? trainer = null;
        ReadoutResult? result = null;
        net.Train((n, signals, first, last) =>
        {
            var input = (TSEvent)signals["external"]!;
            calls.Add((n.T, first, last));
            trainer ??= new FFExpSynReadout((FFExpSyn)n["readout"], new RidgeOptions(Regularize: 1e-3));
            result = trainer.TrainRR(target.Clip(input.TStart, n.T), input, first, last);
            if (last)
            {
                n.UpdateParameter("readout", "weights", ReadoutTrainer.Matrix(result.Weights!));
                n.UpdateParameter("readout", "bias", JsonValue.Create(result.Bias![0]));
            }
        }, Input(0.3), duration: 0.3, batchDurations: [0.08]);

        // 0.08 s batches of 80 steps, the last cut to 60.
        Assert.Equal([(0.08, true, false), (0.16, false, false), (0.24, false, false), (0.3, false, true)],
            calls.Select(c => (Math.Round(c.T, 9), c.First, c.Last)));
        var whole = new FFExpSynReadout((FFExpSyn)net["readout"], new RidgeOptions(Regularize: 1e-3)).TrainRR(target, Input(0.3), true, true);
        Assert.Equal(whole.Weights![0, 0], result!.Weights![0, 0], 1e-9);
        Assert.Equal(whole.Weights[1, 0], result.Weights[1, 0], 1e-9);
        Assert.Equal(whole.Bias![0], result.Bias![0], 1e-9);
        var trained = net["readout"].ToDict();
        Assert.Equal(result.Weights[1, 0], trained["weights"]![1]![0]!.GetValue<double>());
        Assert.Equal(result.Bias[0], trained["bias"]!.GetValue<double>());
    }

    [Theory]
    [InlineData(100, new long[] { 30 }, new long[] { 30, 30, 30, 10 })]
    [InlineData(100, new long[] { 30, 80 }, new long[] { 30, 70 })]
    [InlineData(100, new long[] { 20, 20 }, new long[] { 20, 20, 60 })]
    public void Step_counts_add_up_to_the_run(long total, long[] steps, long[] expected)
    {
        IReadOnlyList<long> batches = steps.Length == 1
            ? NetworkTraining.Batches(total, 0.001, [steps[0] * 0.001], null)
            : NetworkTraining.Batches(total, 0.001, null, steps);
        Assert.Equal(expected, batches);
    }
}
