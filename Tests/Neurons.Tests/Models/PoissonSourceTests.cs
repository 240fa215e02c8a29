using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Neurons.Tests.Models;

public class PoissonSourceTests
{
    private static PoissonSource Source(int size, double rate, double dt = 1e-4, ulong seed = 3) =>
        new(size, dt, LayerParameters.From(("rate", rate)), b => StreamSeed.Generator(seed, "layer:input", b));

    private static List<(long Step, int Neuron)> Run(PoissonSource source, int steps)
    {
        var all = new List<(long, int)>();
        var spikes = new List<int>();
        for (var k = 0; k < steps; k++)
        {
            spikes.Clear();
            source.Step(k, [], spikes);
            all.AddRange(spikes.Select(j => ((long)k, j)));
        }
        return all;
    }

    [Theory]
    [InlineData(20.0, 1e-4)]
    [InlineData(20_000.0, 1e-4)] // λ = 2 per step: multi-spikes
    [InlineData(200_000.0, 1e-4)] // λ = 20 per step: the rejection sampler
    public void Spike_count_matches_the_rate_within_four_standard_deviations(double rate, double dt)
    {
        const int size = 500;
        var steps = (int)(1.0 / dt / (rate > 1000 ? 100 : 1));
        var count = Run(Source(size, rate, dt), steps).Count;
        var expected = rate * dt * steps * size;
        Assert.InRange(count, expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));
    }

    [Fact]
    public void Same_seed_same_spikes_other_seed_other_spikes()
    {
        Assert.Equal(Run(Source(300, 50), 2000), Run(Source(300, 50), 2000));
        Assert.NotEqual(Run(Source(300, 50), 2000), Run(Source(300, 50, seed: 4), 2000));
    }

    [Fact]
    public void Neurons_of_a_block_draw_the_same_whatever_the_layer_size()
    {
        // Block 0 (neurons 0..1023) has its own stream, so a larger layer does not change it.
        var small = Run(Source(PoissonSource.BlockSize, 80), 1000);
        var large = Run(Source(3 * PoissonSource.BlockSize + 5, 80), 1000).Where(s => s.Neuron < PoissonSource.BlockSize);
        Assert.Equal(small, large);
    }

    [Fact]
    public void The_first_steps_do_not_depend_on_how_long_the_run_is()
    {
        var shortRun = Run(Source(100, 100), 600);
        var longRun = Run(Source(100, 100), 1000).Where(s => s.Step < 600);
        Assert.Equal(shortRun, longRun);
    }

    [Fact]
    public void Reset_replays_the_same_trains()
    {
        var source = Source(64, 100);
        var first = Run(source, 500);
        source.ResetState();
        Assert.Equal(first, Run(source, 500));
    }
}
