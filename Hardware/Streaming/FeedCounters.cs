namespace EventSpike.Hardware.Streaming;

/// <summary>What a live feed counts besides events: reconnections, datagrams lost (sequence gaps), corrupt frames skipped. Thread-safe.</summary>
public sealed class FeedCounters
{
    private long _reconnects;
    private long _lost;
    private long _skipped;
    private long _datagrams;

    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Datagrams missing from a sequence-numbered UDP stream (AEDAT 3.x network header); raw words carry no sequence number.</summary>
    public long DatagramsLost => Interlocked.Read(ref _lost);

    public long FramesSkipped => Interlocked.Read(ref _skipped);

    public long Datagrams => Interlocked.Read(ref _datagrams);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public void Lost(long n) => Interlocked.Add(ref _lost, n);

    public void Skipped() => Interlocked.Increment(ref _skipped);

    public void Datagram() => Interlocked.Increment(ref _datagrams);
}
