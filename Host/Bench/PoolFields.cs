using EventSpike.Neurons.Kernels;

namespace EventSpike.Host.Bench;

/// <summary>
/// A bench line's figures of the <see cref="KernelPool"/> (the serial part of a run on several threads, measured where it
/// happens): regions handed to the helper threads per simulated second, the caller's wait per region (µs), how often a
/// helper had fallen asleep and was woken by the OS, and the helpers' busy share of the regions' time.
/// </summary>
public static class PoolFields
{
    public static void Add(Dictionary<string, object?> line, KernelPoolStatistics? pool, int workers, double simulatedSeconds)
    {
        if (pool is null || workers <= 1) return;
        line["pool_regions_per_simulated_s"] = simulatedSeconds > 0 ? Math.Round(pool.Regions / simulatedSeconds, 1) : null;
        line["pool_serial_runs_per_simulated_s"] = simulatedSeconds > 0 ? Math.Round(pool.SerialRuns / simulatedSeconds, 1) : null;
        line["pool_helper_wakes"] = pool.HelperWakes;
        line["pool_wait_us_per_region"] = Math.Round(pool.WaitPerRegionMicroseconds, 2);
        line["pool_caller_wait_s"] = Math.Round(pool.CallerWaitSeconds, 4);
        line["pool_region_s"] = Math.Round(pool.RegionSeconds, 4);
        line["pool_helper_partition_share"] = pool.Partitions == 0 ? 0 : Math.Round((double)pool.HelperPartitions / pool.Partitions, 4);
        line["pool_helper_busy_fraction"] = Math.Round(pool.HelperBusyFraction(workers - 1), 4);
    }
}
