namespace EventSpike.Benchmarks.RingScatter;

/// <summary>
/// One measurement: the workload's event stream into a fresh ring set of one layout, step by step (a step's spikes
/// scattered, then every ring's row for the next step taken), the two phases timed apart in thread CPU time after a
/// tenth of the steps untimed.
/// </summary>
internal static class RingSetRun
{
    public readonly record struct Result(double NsPerEvent, double MicrosecondsPerStepTake, long Events);

    public static Result Measure(RingScatterWorkload work, RingSetLayout layout, bool prefetch)
    {
        var n = layout.RingCount;
        var rings = new int[n][];
        var rows = new int[n];
        var rowsInto = new double[n][];
        var overflow = new OverflowLists?[n];
        for (var r = 0; r < n; r++)
        {
            rows[r] = layout.Rows(r);
            rings[r] = new int[rows[r] * layout.Width(r)];
            rowsInto[r] = new double[layout.Width(r)];
            if (layout.Cap is not null) overflow[r] = new OverflowLists();
            for (var i = 0; i < rings[r].Length; i += 1024) rings[r][i] = 0; // touch every page before timing
        }
        var split = layout.Cap is { } cap ? work.SplitAt(cap) : null;
        var words = layout.Floor ? work.ZeroDelays() : work.Packed;
        double eventCpu = 0, takeCpu = 0;
        long events = 0;
        var warmUp = work.Steps / 10; // untimed: rings and overflow lists reach their steady state (lists grown, pages touched)
        for (var step = 0; step < work.Steps; step++)
        {
            var t0 = ThreadCpu.Seconds();
            for (var i = step * RingScatterWorkload.RowsPerStep; i < (step + 1) * RingScatterWorkload.RowsPerStep; i++)
            {
                var port = work.SpikePort[i];
                var ring = layout.RingOf(port);
                var from = work.SpikeRow[i] * RingScatterWorkload.RowLength;
                var to = from + RingScatterWorkload.RowLength;
                var baseSlot = step % rows[ring];
                if (split is null)
                    RingScatterKernels.Scatter(rings[ring], rows[ring], layout.Width(ring), work.Target[port], words[port], from, to, baseSlot, prefetch);
                else
                {
                    var (target, packed, nearEnd) = split[port];
                    var mid = nearEnd[work.SpikeRow[i]];
                    RingScatterKernels.Scatter(rings[ring], rows[ring], layout.Width(ring), target, packed, from, mid, baseSlot, prefetch);
                    overflow[ring]!.Append(target, packed, mid, to, step);
                }
                if (step >= warmUp) events += to - from;
            }
            var t1 = ThreadCpu.Seconds();
            var next = step + 1;
            for (var r = 0; r < n; r++)
                RingScatterKernels.Take(rings[r], next % rows[r] * layout.Width(r), layout.Width(r), overflow[r], next, rowsInto[r], 1e-3);
            var t2 = ThreadCpu.Seconds();
            if (step < warmUp) continue;
            eventCpu += t1 - t0;
            takeCpu += t2 - t1;
        }
        return new Result(eventCpu * 1e9 / events, takeCpu * 1e6 / (work.Steps - warmUp), events);
    }
}
