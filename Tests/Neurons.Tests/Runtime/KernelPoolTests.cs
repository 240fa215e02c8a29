using EventSpike.Neurons.Kernels;
using Xunit;

namespace EventSpike.Neurons.Tests.Runtime;

public class KernelPoolTests
{
    /// <summary>
    /// Many short two-phase regions in a row (the hand-offs of one-step windows): every partition runs exactly once per
    /// phase, the second phase starts only after every partition finished the first and after <c>between</c>, and
    /// <c>between</c> runs once per region.
    /// </summary>
    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 5)]
    [InlineData(3, 2)]
    [InlineData(4, 7)]
    public void Two_phase_regions_run_each_partition_once_per_phase_with_a_barrier_between(int workers, int partitions)
    {
        using var pool = new KernelPool(workers);
        const int regions = 3000;
        var first = new int[partitions];
        var then = new int[partitions];
        var betweens = 0;
        var violations = 0;
        for (var r = 0; r < regions; r++)
        {
            var region = r;
            pool.Run(partitions,
                p =>
                {
                    if (Interlocked.Increment(ref first[p]) != region + 1) Interlocked.Increment(ref violations);
                    if (p % 2 == 0) Thread.SpinWait(50); // uneven partitions
                },
                () =>
                {
                    // The barrier: every partition has done this region's first phase, none its second.
                    for (var p = 0; p < partitions; p++)
                        if (Volatile.Read(ref first[p]) != region + 1 || Volatile.Read(ref then[p]) != region) violations++;
                    betweens++;
                },
                p =>
                {
                    if (Volatile.Read(ref betweens) != region + 1) Interlocked.Increment(ref violations);
                    if (Interlocked.Increment(ref then[p]) != region + 1) Interlocked.Increment(ref violations);
                });
        }
        Assert.Equal(0, violations);
        Assert.Equal(regions, betweens);
        Assert.All(first, n => Assert.Equal(regions, n));
        Assert.All(then, n => Assert.Equal(regions, n));
        var stats = pool.Statistics;
        Assert.Equal(regions, stats.Regions + stats.SerialRuns);
        Assert.Equal(2L * partitions * stats.Regions, stats.Partitions);
        Assert.InRange(stats.HelperPartitions, 0, stats.Partitions);
    }

    /// <summary>
    /// <see cref="KernelPool.CurrentWorker"/>: 0 on the calling thread, h + 1 on helper h, the same number every time a thread
    /// runs a partition, and a different one on each thread.
    /// </summary>
    [Fact]
    public void Each_worker_knows_its_own_number_caller_zero_helpers_from_one()
    {
        using var pool = new KernelPool(3);
        var caller = Environment.CurrentManagedThreadId;
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<int, HashSet<int>>();
        for (var r = 0; r < 2000; r++)
            pool.Run(6, _ =>
            {
                var numbers = seen.GetOrAdd(Environment.CurrentManagedThreadId, _ => []);
                lock (numbers) numbers.Add(KernelPool.CurrentWorker);
                Thread.SpinWait(200);
            });
        Assert.Equal(0, KernelPool.CurrentWorker);
        Assert.Equal([0], seen[caller]);
        Assert.All(seen.Values, numbers => Assert.Single(numbers));
        var helpers = seen.Where(kv => kv.Key != caller).Select(kv => kv.Value.Single()).ToList();
        Assert.NotEmpty(helpers); // 2,000 regions of six partitions: the helpers ran some
        Assert.All(helpers, n => Assert.InRange(n, 1, pool.Workers - 1));
        Assert.Equal(helpers.Count, helpers.Distinct().Count());
    }

    /// <summary>Regions separated by idle gaps longer than the spin: the helpers fall asleep and are woken, and still run their share.</summary>
    [Fact]
    public void Helpers_that_fell_asleep_are_woken_for_the_next_region()
    {
        using var pool = new KernelPool(2, spinMicroseconds: 10);
        var ran = new int[2];
        for (var r = 0; r < 20; r++)
        {
            Thread.Sleep(2);
            pool.Run(2, p => Interlocked.Increment(ref ran[p]));
        }
        Assert.Equal([20, 20], ran);
        Assert.Equal(20, pool.Statistics.Regions);
    }

    /// <summary>A partition that throws: the caller gets the exception, the second phase is skipped, and the pool still works afterwards.</summary>
    [Fact]
    public void A_failing_partition_reaches_the_caller_and_leaves_the_pool_usable()
    {
        using var pool = new KernelPool(2);
        var second = 0;
        var error = Assert.Throws<InvalidOperationException>(() =>
            pool.Run(2, p => { if (p == 1) throw new InvalidOperationException("partition 1"); }, null, _ => Interlocked.Increment(ref second)));
        Assert.Equal("partition 1", error.Message);
        Assert.Equal(0, second);
        var ran = new int[3];
        pool.Run(3, p => Interlocked.Increment(ref ran[p]));
        Assert.Equal([1, 1, 1], ran);
    }

    /// <summary>One worker, or a pool busy with another caller's region: everything runs on the calling thread, in partition order.</summary>
    [Fact]
    public void A_serial_run_keeps_the_phase_order()
    {
        var order = new List<string>();
        KernelPool.Serial.Run(3, p => order.Add($"a{p}"), () => order.Add("b"), p => order.Add($"c{p}"));
        Assert.Equal(["a0", "a1", "a2", "b", "c0", "c1", "c2"], order);
    }

    /// <summary>A partition body that runs on the same pool (a region nested in the caller's own): it runs serially, every partition once.</summary>
    [Fact]
    public void A_nested_run_on_the_same_pool_runs_serially()
    {
        using var pool = new KernelPool(2);
        var inner = new int[2, 3];
        pool.Run(2, outer => pool.Run(3, p => Interlocked.Increment(ref inner[outer, p])));
        Assert.All(Enumerable.Range(0, 6), k => Assert.Equal(1, inner[k / 3, k % 3]));
        Assert.Equal(1, pool.Statistics.Regions);
        Assert.Equal(2, pool.Statistics.SerialRuns);
    }

    /// <summary>
    /// A helper that wakes too late for a small region (the caller ran both of its partitions alone) must find nothing
    /// to claim in the next, larger region's second phase while that region is still in its first: its stale ticket
    /// once matched the small region's spent claims, which the larger partition count made look open again, and ran a
    /// partition of the new second phase before the barrier (bench microcircuit --threads 4: index out of range).
    /// </summary>
    [Fact]
    public void A_helper_late_for_a_small_region_runs_nothing_of_the_next_larger_one_early()
    {
        using var pool = new KernelPool(2, spinMicroseconds: 0);
        var early = 0;
        var twice = 0;
        for (var round = 0; round < 1_000; round++)
        {
            Thread.Sleep(1); // the helper parks on its semaphore
            pool.Run(2, _ => { }, null, _ => { }); // done by the caller before the helper is awake, as a rule
            var started = new int[4];
            var second = new int[4];
            pool.Run(4, p =>
            {
                Interlocked.Increment(ref started[p]);
                if (p != 0) return;
                // The caller holds partition 0 until the helper has joined this region's first phase (or 20 ms).
                var wait = System.Diagnostics.Stopwatch.StartNew();
                while (Volatile.Read(ref started[1]) + Volatile.Read(ref started[2]) + Volatile.Read(ref started[3]) == 0 && wait.ElapsedMilliseconds < 20)
                    Thread.SpinWait(100);
            }, null, p =>
            {
                if (Enumerable.Range(0, 4).Any(i => Volatile.Read(ref started[i]) != 1)) Interlocked.Increment(ref early);
                Interlocked.Increment(ref second[p]);
            });
            if (second.Any(n => n != 1)) twice++;
        }
        Assert.Equal(0, early);
        Assert.Equal(0, twice);
    }
}
