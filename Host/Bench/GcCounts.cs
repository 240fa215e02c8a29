using System.Globalization;

namespace EventSpike.Host.Bench;

/// <summary>The garbage collector's counters at one moment (collections per generation, total pause, bytes allocated); a difference covers a run.</summary>
public readonly record struct GcCounts(int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated)
{
    public static GcCounts Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

    public static GcCounts operator -(GcCounts a, GcCounts b) =>
        new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Pause - b.Pause, a.Allocated - b.Allocated);

    /// <summary>A JSON object: gen0, gen1, gen2 (collections), pause_ms, allocated_mb, mode (server or workstation, concurrent, latency mode).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"gen0\":{Gen0},\"gen1\":{Gen1},\"gen2\":{Gen2},\"pause_ms\":{Pause.TotalMilliseconds:0.###},\"allocated_mb\":{Allocated / 1048576.0:0.#}," +
        $"\"server\":{(System.Runtime.GCSettings.IsServerGC ? "true" : "false")},\"latency_mode\":\"{System.Runtime.GCSettings.LatencyMode}\"}}");
}
