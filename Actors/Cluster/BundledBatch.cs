using EventSpike.Routing.Messages;
using MessagePack;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// One layer's window output inside a <see cref="NodeBundle"/>: the batch (spikes or samples), the
/// layers on the receiving node it goes to (<see cref="Recorder"/> for the coordinator's recorder), and
/// its probes' samples (for the recorder).
/// </summary>
[MessagePackObject]
public sealed record BundledBatch(
    [property: Key(0)] int[] Targets,
    [property: Key(1)] SpikeBatch? Spikes,
    [property: Key(2)] ContinuousBatch? Samples,
    [property: Key(3)] ProbeBatch[] Probes)
{
    /// <summary>On the wire: <see cref="Spikes"/>' steps and neurons, packed (see <see cref="NodeBundle"/>); null otherwise.</summary>
    [Key(4)]
    public byte[]? Packed { get; init; }

    /// <summary>The target id that stands for the recorder.</summary>
    public const int Recorder = -1;
}
