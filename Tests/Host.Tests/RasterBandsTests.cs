using EventSpike.Host.Output;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

public class RasterBandsTests
{
    [Fact]
    public void A_small_layer_beside_a_large_one_gets_at_least_its_minimum_share_and_its_neurons_stay_in_its_band()
    {
        var bands = RasterBands.For([100, 1000, 10], 0.08);
        for (var i = 0; i < 3; i++) Assert.True(bands.Top(i) - bands.Bottom(i) >= 0.08 * bands.Height - 1e-9, $"band {i}");
        Assert.Equal(100, bands.Top(0) - bands.Bottom(0), 9);   // large enough layers keep one row per neuron
        Assert.Equal(1000, bands.Top(1) - bands.Bottom(1), 9);
        Assert.Equal(bands.Top(0), bands.Bottom(1));
        Assert.Equal(bands.Top(2), bands.Height);
        for (var n = 0; n < 10; n++) Assert.InRange(bands.Y(2, n), bands.Bottom(2), bands.Top(2));
        Assert.True(bands.Y(2, 9) > bands.Y(2, 0));
    }

    [Fact]
    public void Layers_of_equal_size_share_the_height_equally()
    {
        var bands = RasterBands.For([5, 5, 5, 5], 0.08);
        Assert.Equal(20, bands.Height, 9);
        Assert.Equal(10, bands.Centre(2) - bands.Centre(0), 9);
    }

    [Fact]
    public void A_run_without_spikes_still_draws_its_raster()
    {
        var net = Path.Combine(TempDir(), "silent.json");
        File.WriteAllText(net, """
            { "dt": 0.0001, "duration": 0.02, "seed": 1,
              "layers": [ { "name": "in", "type": "PoissonSource", "size": 3, "params": { "rate": 0 } } ] }
            """);
        var dir = TempDir();
        var r = Run("run", net, "--out", dir);
        Assert.True(r.Code == 0, r.Err);
        Assert.True(new FileInfo(Path.Combine(dir, "raster.png")).Length > 1000);
    }
}
