using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Routing.Tests;

public class MemoryEstimateTests
{
    [Fact]
    public void A_recurrent_ring_is_delay_plus_one_rows_of_doubles()
    {
        var e = new MemoryEstimate(1e12);
        e.AddRing("connections[0] (a → a)", recurrent: true, delaySteps: 1_000_000, windowSteps: 100, width: 1000);
        Assert.Equal(1_000_001 * (8.0 * 1000 + MemoryEstimate.BytesPerRingRow), e.Total);
        Assert.StartsWith("connections[0] (a → a).delay: a ring of 1,000,001 steps", e.Parts[0].What);
    }

    [Fact]
    public void An_external_ring_spans_two_windows_and_the_delay_and_is_named_for_the_longer()
    {
        var e = new MemoryEstimate(1e12);
        e.AddRing("c", recurrent: false, delaySteps: 5, windowSteps: 1e7, width: 10);
        Assert.Equal((2e7 + 5) * (80 + MemoryEstimate.BytesPerRingRow), e.Total);
        Assert.Contains("window / dt", e.Parts[0].What);
    }

    [Fact]
    public void Check_names_the_largest_part_and_the_total_in_gb()
    {
        var e = new MemoryEstimate(4e9);
        e.AddNeurons("layers[0]", 1000);
        e.AddSynapses("connections[0] (a → b)", 1_000_000_000);
        var error = Assert.Throws<NetworkSpecException>(e.Check);
        Assert.Contains("24 GB", error.Message);
        Assert.Contains("4 GB available", error.Message);
        Assert.Contains("largest part: connections[0] (a → b): 1,000,000,000 synapses", error.Message);
    }

    [Fact]
    public void Within_the_budget_nothing_is_said() => new MemoryEstimate(1e9).Check();

    [Fact]
    public void Windows_count_a_sources_spikes_at_its_rate()
    {
        var e = new MemoryEstimate(1e12);
        e.AddWindows("layers[0]", 100, 1e-4, 1000, continuous: false, rateHz: 1000);
        // 8 windows × (4 B × 100 step pointers + 8 B × 1000 Hz × 1000 neurons × 0.01 s)
        Assert.Equal(8 * (400 + 8.0 * 1000 * 1000 * 0.01), e.Total, 6);
    }

    [Fact]
    public void The_compiler_refuses_before_building_and_accepts_within_the_budget()
    {
        var spec = new NetworkSpec("t", 1e-4, 0.01, 1, [Layer("a", "LIF", 1000)],
            [Connect("a", "a", 100, """{"generator":"one_to_one","weight":1}""")]);
        var error = Assert.Throws<NetworkSpecException>(() => NetworkCompiler.Compile(spec, memoryBudget: 1L << 30));
        Assert.Contains("connections[0] (a → a).delay", error.Message);
        Assert.NotNull(NetworkCompiler.Compile(spec with { Connections = [Connect("a", "a", 0.001)] }, memoryBudget: 1L << 30));
    }

    [Fact]
    public void More_than_int_max_synapses_and_steps_are_refused()
    {
        var big = new NetworkSpec("t", 1e-4, 0.01, 1, [Layer("a", "LIF", 100_000)],
            [Connect("a", "a", 0.001, """{"generator":"fixed_indegree","indegree":100000,"weight":1}""")]);
        Assert.Contains("synapses", Assert.Throws<NetworkSpecException>(() => NetworkCompiler.Compile(big)).Message);
        var endless = big with { Connections = [], Duration = 1e300 };
        Assert.Contains("steps", Assert.Throws<NetworkSpecException>(() => NetworkCompiler.Compile(endless)).Message);
    }
}
