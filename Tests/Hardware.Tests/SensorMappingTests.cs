using EventSpike.Hardware.Sensors;
using Xunit;

namespace EventSpike.Hardware.Tests;

public class SensorMappingTests
{
    [Fact]
    public void Without_crop_or_pooling_a_pixel_is_its_own_channel_and_ON_events_take_the_second_half()
    {
        var m = new SensorMapping(34, 34);
        Assert.Equal(2 * 34 * 34, m.Channels);
        Assert.Equal(0, m.Channel(0, 0, false));
        Assert.Equal(5 * 34 + 3, m.Channel(3, 5, false));
        Assert.Equal(34 * 34 + 5 * 34 + 3, m.Channel(3, 5, true));
    }

    [Fact]
    public void Pooling_puts_a_block_of_pixels_on_one_channel_and_rounds_the_size_up()
    {
        var m = new SensorMapping(35, 34, pool: 2);
        Assert.Equal((18, 17), (m.PooledWidth, m.PooledHeight));
        Assert.Equal(m.Channel(0, 0, true), m.Channel(1, 1, true));
        Assert.Equal(18 * 17 + 1 * 18 + 17, m.Channel(34, 3, true));
        Assert.NotEqual(m.Channel(0, 0, true), m.Channel(2, 0, true));
    }

    [Fact]
    public void A_crop_leaves_pixels_outside_it_out_and_counts_from_its_corner()
    {
        var m = new SensorMapping(128, 128, new SensorCrop(32, 16, 64, 64), pool: 4, splitPolarity: false);
        Assert.Equal(16 * 16, m.Channels);
        Assert.Equal(-1, m.Channel(31, 20, true));
        Assert.Equal(-1, m.Channel(40, 80, true));
        Assert.Equal(0, m.Channel(32, 16, true));
        Assert.Equal(m.Channel(35, 19, false), m.Channel(32, 16, true));
        Assert.Equal(15 * 16 + 15, m.Channel(95, 79, false));
        Assert.Throws<ArgumentException>(() => new SensorMapping(128, 128, new SensorCrop(100, 0, 64, 64)));
    }

    [Fact]
    public void The_fitting_mapping_is_the_smallest_pooling_that_gives_the_layers_size()
    {
        Assert.Equal(2, SensorMapping.Fitting(34, 34, 578)!.Pool);
        Assert.Equal(2, SensorMapping.Fitting(128, 128, 2 * 64 * 64)!.Pool);
        var merged = SensorMapping.Fitting(128, 128, 32 * 32)!;
        Assert.Equal((4, false), (merged.Pool, merged.SplitPolarity));
        Assert.Null(SensorMapping.Fitting(34, 34, 7));
    }

    [Fact]
    public void A_rectangular_pooling_pools_columns_and_rows_by_their_own_factors()
    {
        var m = new SensorMapping(34, 34, new SensorCrop(2, 4, 30, 30), poolX: 3, poolY: 5, splitPolarity: true);
        Assert.Equal((10, 6, 120), (m.PooledWidth, m.PooledHeight, m.Channels));
        Assert.Equal(-1, m.Channel(1, 10, true));
        Assert.Equal(-1, m.Channel(10, 3, true));
        Assert.Equal(0, m.Channel(2, 4, false));
        Assert.Equal(m.Channel(4, 8, false), m.Channel(2, 4, false));      // (2..4, 4..8) is one block
        Assert.Equal(1, m.Channel(5, 4, false));
        Assert.Equal(10, m.Channel(2, 9, false));
        Assert.Equal(60 + 5 * 10 + 9, m.Channel(31, 33, true));           // ON: (p·H + y')·W + x' = (6 + 5)·10 + 9
        Assert.Equal("34x34 sensor, crop 2,4,30,30, pool 3x5, polarities split: 120 channels", m.ToString());
    }
}
