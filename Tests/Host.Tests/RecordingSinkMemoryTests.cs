using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>The recording sink streams to its journal: what it holds does not grow with the windows written.</summary>
[Collection(MemoryMeasurements.Name)]
public class RecordingSinkMemoryTests
{
    [Fact]
    public void The_sink_holds_no_more_memory_after_ten_times_as_many_windows()
    {
        var dir = TempDir();
        using var sink = RecordingSinkTests.Sink(dir);
        const int n = 2_000; // 2,000 windows: about 143,000 spikes and 60,000 samples
        RecordingSinkTests.WriteWindows(sink, 0, n);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        RecordingSinkTests.WriteWindows(sink, n, 10 * n);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(sink);
        // Keeping the extra 9·n windows in memory would take at least 1.3 M spikes × 12 bytes + 540,000 samples × 8 bytes:
        // ~20 MB. The bound is a quarter of that: keeping a quarter of the windows or more shows; heap noise does not.
        Assert.True(after - before < 5_000_000, $"the sink's memory grew by {after - before} bytes over {9 * n} windows");
    }
}
