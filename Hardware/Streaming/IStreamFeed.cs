namespace EventSpike.Hardware.Streaming;

/// <summary>
/// Where a stream's events come from (a file, a TCP peer, UDP datagrams): <see cref="Run"/> reads and decodes
/// on the calling thread and offers the events to the ingest until the source ends (a file) or
/// <paramref name="cancel"/> stops it (a socket). A malformed file throws; a corrupt frame on a live socket is
/// counted in <see cref="Counters"/> and skipped.
/// </summary>
public interface IStreamFeed
{
    /// <summary>Names the source in messages (a path or a URL).</summary>
    string Name { get; }

    FeedCounters Counters { get; }

    void Run(SensorIngest ingest, CancellationToken cancel);
}
