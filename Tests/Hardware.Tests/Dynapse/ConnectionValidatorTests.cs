using EventSpike.Hardware.Dynapse;
using Xunit;

namespace EventSpike.Hardware.Tests.Dynapse;

/// <summary>Rockpool's validate_connections golden cases (rockpool-digest §9.3, (T)) and the words of each violation.</summary>
public class ConnectionValidatorTests
{
    [Fact]
    public void Sixty_four_incoming_connections_are_valid_and_sixty_five_set_bit_1_naming_neuron_core_and_limit()
    {
        var rec = new int[4096, 4096];
        for (var i = 0; i < 64; i++) rec[i + 1, 5] = 1;
        Assert.Equal(0, ConnectionValidator.Validate(rec).Bitmask);
        rec[100, 5] = 1;
        var check = ConnectionValidator.Validate(rec);
        Assert.Equal(1, check.Bitmask);
        var words = Assert.Single(check.Problems);
        Assert.Contains("neuron 5 (chip 0, core 0)", words);
        Assert.Contains("65", words);
        Assert.Contains("limit is 64", words);
    }

    [Fact]
    public void Multiplicity_counts_toward_the_fan_in()
    {
        var ext = new int[2, 10];
        ext[0, 3] = 40;
        ext[1, 3] = -25;
        Assert.Equal(1, ConnectionValidator.Validate(null, ext).Bitmask);
    }

    [Fact]
    public void Targets_on_three_chips_are_valid_and_a_fourth_chip_sets_bit_2_unless_unmonitored()
    {
        var rec = new int[4096, 4096];
        rec[1, 2] = 1; rec[1, 1030] = 1; rec[1, 2100] = 1;
        Assert.Equal(0, ConnectionValidator.Validate(rec).Bitmask);
        rec[1, 3100] = 1;
        var check = ConnectionValidator.Validate(rec);
        Assert.Equal(2, check.Bitmask);
        Assert.Contains("neuron 1 (chip 0, core 0) sends to 4 chips (0, 1, 2, 3); the limit is 3", Assert.Single(check.Problems));
        Assert.Equal(0, ConnectionValidator.Validate(rec, monitored: false).Bitmask);
    }

    [Fact]
    public void Pre_IDs_1024_and_2048_into_one_core_alias()
    {
        var rec = new int[4096, 4096];
        rec[1024, 5] = 1;
        rec[2048, 6] = 1;
        var check = ConnectionValidator.Validate(rec);
        Assert.Equal(4, check.Bitmask);
        var words = Assert.Single(check.Problems);
        Assert.Contains("core 0 (chip 0) receives tag 0 from neuron 1024 (chip 1, core 4) and neuron 2048 (chip 2, core 8)", words);
        rec[2048, 6] = 0;
        rec[2048, 300] = 1; // another core: no aliasing
        Assert.Equal(0, ConnectionValidator.Validate(rec).Bitmask);
    }

    [Fact]
    public void External_channel_0_and_neuron_1024_into_one_core_alias_the_FPGA_counting_as_a_fifth_chip()
    {
        var rec = new int[4096, 4096];
        var ext = new int[1024, 4096];
        rec[1024, 5] = 1;
        ext[0, 6] = 1;
        var check = ConnectionValidator.Validate(rec, ext);
        Assert.Equal(4, check.Bitmask);
        Assert.Contains("external channel (virtual neuron) 0", Assert.Single(check.Problems));
    }

    [Fact]
    public void Every_violation_is_listed_and_the_bits_combine()
    {
        var rec = new int[4096, 4096];
        for (var i = 0; i < 65; i++) rec[i + 1, 5] = 1;
        rec[1, 1030] = 1; rec[1, 2100] = 1; rec[1, 3100] = 1;
        rec[1025, 6] = 1;
        var check = ConnectionValidator.Validate(rec);
        Assert.Equal(7, check.Bitmask);
        Assert.Equal(3, check.Problems.Count);
    }
}
