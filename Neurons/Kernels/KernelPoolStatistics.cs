namespace EventSpike.Neurons.Kernels;

/// <summary>
/// What a <see cref="KernelPool"/> has done since it was made (or since <see cref="KernelPool.ResetStatistics"/>): the serial
/// part of a split run, measured directly rather than guessed from wall times on a loaded machine.
/// </summary>
/// <param name="Regions">Parallel regions handed to the helper threads (a region: one <see cref="KernelPool.Run(int, Action{int})"/> that used them).</param>
/// <param name="SerialRuns">Runs done on the calling thread alone (one partition, one worker, or the helpers busy with another caller).</param>
/// <param name="HelperWakes">Times a helper had gone to sleep (its spin ran out) and had to be woken by the OS: the expensive hand-offs.</param>
/// <param name="CallerBusySeconds">Seconds callers spent in partition bodies inside regions.</param>
/// <param name="CallerWaitSeconds">Seconds callers spent waiting inside regions (for the helpers at the phase barrier and at the end).</param>
/// <param name="HelperBusySeconds">Seconds the helpers spent in partition bodies, summed over helpers.</param>
/// <param name="RegionSeconds">Seconds from the start to the end of each region, summed (the caller's view).</param>
public sealed record KernelPoolStatistics(long Regions, long SerialRuns, long HelperWakes, double CallerBusySeconds, double CallerWaitSeconds,
    double HelperBusySeconds, double RegionSeconds)
{
    /// <summary>Partitions run inside regions, both phases counted.</summary>
    public long Partitions { get; init; }

    /// <summary>Of those, the ones a helper thread claimed (the rest the caller ran itself, a helper being late or busy).</summary>
    public long HelperPartitions { get; init; }

    /// <summary>Caller wait per region, microseconds.</summary>
    public double WaitPerRegionMicroseconds => Regions == 0 ? 0 : CallerWaitSeconds / Regions * 1e6;

    /// <summary>The helpers' busy share of the regions' time (1: they never idled in a region).</summary>
    public double HelperBusyFraction(int helpers) => RegionSeconds <= 0 || helpers == 0 ? 0 : HelperBusySeconds / (RegionSeconds * helpers);
}
