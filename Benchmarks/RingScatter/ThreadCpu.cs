using System.Runtime.InteropServices;

namespace EventSpike.Benchmarks.RingScatter;

/// <summary>
/// CPU time the calling thread has had, in seconds (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): on a machine
/// shared with other work, time spent waiting for a core is not counted, unlike wall-clock time.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static double Seconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var t) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return t.Seconds + t.Nanoseconds * 1e-9;
    }
}
