using EventSpike.Hardware.Dynapse;
using Xunit;

namespace EventSpike.Hardware.Tests.Dynapse;

/// <summary>The FPGA input limits (dynapse.md §5.9.10) and RecDynapSE's batching.</summary>
public class FpgaInputTests
{
    [Fact]
    public void A_one_second_gap_at_a_20_microsecond_base_needs_no_dummies_and_at_the_clock_it_does()
    {
        Assert.Equal(1800 * FpgaInput.ClockPeriod, FpgaInput.IsiBase(2e-5), 15);
        var ticks = new long[] { 0, (long)Math.Round(1.0 / FpgaInput.IsiBase(2e-5)) };
        Assert.Equal(50000, ticks[1]);
        var events = FpgaInput.Encode(ticks, [3, 4]);
        Assert.Equal([0, 50000], events.Select(e => e.Isi));
        Assert.All(events, e => Assert.Equal(15, e.CoreMask));

        var fine = new long[] { 0, 90_000_000 }; // 1 s at 11.1 ns
        var error = Assert.Throws<FpgaLimitException>(() => FpgaInput.Encode(fine, [3, 4], allowDummies: false));
        Assert.Contains("65535", error.Message);
        var bridged = FpgaInput.Encode(fine, [3, 4]);
        Assert.Equal(90_000_000, bridged.Sum(e => (long)e.Isi));
        Assert.Equal(90_000_000 / 65535, bridged.Count(e => e.CoreMask == 0));
    }

    [Fact]
    public void Seventy_thousand_events_go_in_two_batches_that_cover_every_step_once()
    {
        var perStep = Enumerable.Repeat(7, 10000).ToArray(); // 70,000 events
        var batches = FpgaInput.Batches(perStep, perStep.Length);
        Assert.Equal(2, batches.Count);
        Assert.Equal(0, batches[0].Start);
        Assert.Equal(batches[0].End, batches[1].Start);
        Assert.Equal(10000, batches[1].End);
        Assert.True(batches.All(b => perStep[b.Start..b.End].Sum() <= FpgaInput.MaxEventsPerTransfer));
        Assert.Throws<FpgaLimitException>(() => FpgaInput.Encode(new long[70000], new int[70000]));
    }

    [Fact]
    public void Batches_cut_at_trial_starts_and_at_a_step_limit()
    {
        var perStep = Enumerable.Repeat(1, 100).ToArray();
        Assert.Equal([(0, 30), (30, 60), (60, 100)], FpgaInput.Batches(perStep, 100, maxEvents: 45, trialStarts: [0, 30, 60, 80]).Take(2).Append((60, 100)));
        Assert.Equal([(0, 25), (25, 50), (50, 75), (75, 100)], FpgaInput.Batches(perStep, 100, maxSteps: 25));
    }

    [Fact]
    public void A_failing_batch_is_halved_recursively_until_it_goes_through()
    {
        var perStep = Enumerable.Repeat(30000, 8).ToArray();
        var sent = FpgaInput.SendHalving(0, 8, (a, b) =>
        {
            if (perStep[a..b].Sum() > FpgaInput.MaxEventsPerTransfer) throw new FpgaLimitException("too many");
        });
        Assert.Equal([(0, 2), (2, 4), (4, 6), (6, 8)], sent);
        Assert.Throws<FpgaLimitException>(() => FpgaInput.SendHalving(0, 1, (_, _) => throw new FpgaLimitException("one step")));
    }
}
