using EventSpike.Actors.Scheduling;
using EventSpike.Routing.Network;
using Xunit;

namespace EventSpike.Actors.Tests;

/// <summary>The grant rule as a plain class: credit, stops, protocol errors, and open-ended runs ended by their sources.</summary>
public class CreditPolicyTests
{
    // a → b → c, a feed-forward chain.
    private static readonly IReadOnlyList<IReadOnlyList<int>> Chain = [[1], [2], []];

    [Fact]
    public void A_layer_runs_at_most_credit_windows_ahead_of_its_slowest_consumer()
    {
        var p = new CreditPolicy(new WindowPlan(100, 10), Chain, credit: 2);
        Assert.Equal(1, p.Limit(0)); // b has done nothing: a may do windows 0 and 1
        Assert.Equal(1, p.Limit(1));
        Assert.Equal(9, p.Limit(2)); // c feeds nobody: only the plan bounds it
        p.Grant(0, 1);
        Assert.Null(p.Report(0, 0));
        Assert.Null(p.Report(0, 1));
        Assert.Equal(1, p.Limit(0));
        p.Grant(1, 1);
        Assert.Null(p.Report(1, 0));
        Assert.Equal(2, p.Limit(0));
        Assert.Equal([1, 0], p.Affected(1));
    }

    [Fact]
    public void Reports_out_of_order_or_beyond_the_grant_are_protocol_errors()
    {
        var p = new CreditPolicy(new WindowPlan(100, 10), Chain, credit: 2);
        Assert.Contains("reported window 0 after -1 (granted -1)", p.Report(0, 0));
        p.Grant(0, 1);
        Assert.Contains("reported window 1 after -1", p.Report(0, 1));
    }

    [Fact]
    public void An_interrupt_stops_every_grant_before_its_window_and_the_run_finishes_at_the_last_window()
    {
        var p = new CreditPolicy(new WindowPlan(35, 10), Chain, credit: 5);
        Assert.Equal(3, p.LastWindow);
        Assert.Equal(3, p.Limit(0));
        p.StopAt = 2;
        Assert.Equal(1, p.Limit(2));
        p.StopAt = -1;
        for (var l = 0; l < 3; l++)
        {
            p.Grant(l, 3);
            for (var w = 0; w < 4; w++) Assert.Null(p.Report(l, w));
        }
        Assert.True(p.Finished);
        Assert.Equal(35, p.StepsDone);
    }

    [Fact]
    public void An_open_ended_run_ends_with_the_window_its_last_source_ended_in()
    {
        // Two sources (0, 1) feed layer 2.
        var p = new CreditPolicy(WindowPlan.Open(10), [[2], [2], []], credit: 3, sources: [true, true, false]);
        Assert.Equal(long.MaxValue, p.LastWindow);
        Assert.Equal(-1, p.Limit(2)); // no source has reached any window: nothing is known to be in the run
        Assert.Equal(2, p.Limit(0));
        p.Grant(0, 2);
        p.Grant(1, 2);
        Assert.Null(p.Report(0, 0));
        Assert.Equal(0, p.InRun);
        Assert.Equal(0, p.Limit(2));
        Assert.Null(p.Report(0, 1, streamEnd: 15)); // source 0 ended at step 15: inside window 1
        Assert.Null(p.Report(0, 2, streamEnd: 15));
        Assert.Equal(1, p.InRun);
        Assert.Equal(long.MaxValue, p.LastWindow); // source 1 goes on
        Assert.Null(p.Report(1, 0));
        Assert.Null(p.Report(1, 1));
        Assert.Null(p.Report(1, 2, streamEnd: 30)); // ended at step 30: window 2 is its last
        Assert.Equal(2, p.LastWindow);
        Assert.Equal(2, p.Limit(2));
        Assert.False(p.Finished);
        p.Grant(2, 2);
        for (var w = 0; w < 3; w++) Assert.Null(p.Report(2, w));
        Assert.True(p.Finished);
        Assert.Equal(30, p.StepsDone);
    }

    [Fact]
    public void An_open_ended_run_without_a_source_is_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new CreditPolicy(WindowPlan.Open(10), Chain, 2));
        Assert.Contains("needs a source", e.Message);
    }
}
