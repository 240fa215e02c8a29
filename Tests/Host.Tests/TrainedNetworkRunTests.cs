using EventSpike.Neurons.Series;
using EventSpike.Neurons.Training.Gradient;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

public class TrainedNetworkRunTests
{
    /// <summary>
    /// The product example's network, trained for one epoch on a few samples, written as a network file and run by
    /// <c>eventspike run</c>: the run's time average (probe <c>average.sum</c> / T) is the model's spiking inference
    /// output for that input, and the spiking layer's spikes are the model's.
    /// </summary>
    [Fact]
    public void A_trained_network_run_by_eventspike_gives_the_models_inference_output()
    {
        var task = new ProductTask(hidden: 20, dt: 0.01, steps: 50, seed: 5);
        var (x, y) = task.Data(16, seed: 6);
        SequenceTrainer.Fit(task.Model, x, y, epochs: 1, batchSize: 8, new Adam(0.02));
        var dir = TempDir();
        var file = Path.Combine(dir, "product.json");
        File.WriteAllText(file, SpikingNetworkExport.Network("product", task.Hidden, task.Spiking, task.Readout, 0.01, 50).ToJsonString());
        var times = Enumerable.Range(0, 51).Select(k => k * 0.01).ToArray();
        var samples = new double[51, 2];
        for (var k = 0; k < 51; k++) (samples[k, 0], samples[k, 1]) = (x[3, 0, 0], x[3, 0, 1]);
        new TSContinuous(times, samples).Save(Path.Combine(dir, "input.npz"));

        var outDir = Path.Combine(dir, "out");
        var (code, _, stderr) = Run("run", file, "--input", "hidden=" + Path.Combine(dir, "input.npz"), "--out", outDir, "--no-plot");
        Assert.True(code == 0, stderr);
        var sum = TSContinuous.Load(Path.Combine(outDir, "average.sum.npz"));
        var outputs = task.Model.Forward(x, training: false);
        Assert.Equal(outputs[^1][3, 0, 0], sum.SampleAt(sum.Count - 1, 0) / 50, 9);
        var spikes = TSEvent.Load(Path.Combine(outDir, "spiking.npz"));
        var expected = Enumerable.Range(0, 50).Sum(t => Enumerable.Range(0, 20).Sum(j => outputs[1][3, t, j] * 0.01));
        Assert.Equal(Math.Round(expected), spikes.Count);
        Assert.True(spikes.Count > 0);
    }
}
