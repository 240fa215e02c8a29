namespace EventSpike.Actors.Cluster;

/// <summary>
/// Window outputs sent to node <paramref name="To"/>: messages, payload bytes on the link (packed),
/// the same uncompressed, and how many layer batches rode in them.
/// </summary>
public sealed record TrafficEntry(string To, long Messages, long Bytes, long RawBytes, long Batches);
