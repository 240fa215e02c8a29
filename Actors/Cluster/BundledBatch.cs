using EventSpike.Routing.Messages;
using MessagePack;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// One layer's window output inside a <see cref="NodeBundle"/>: the batch (spikes or samples), the
/// layers on the receiving node it goes to (<see cref="Recorder"/> for the coordinator's recorder), its
/// probes' samples (for the recorder) and, to the coordinator, the layer's report to the scheduler.
/// </summary>
[MessagePackObject]
public sealed record BundledBatch(
    [property: Key(0)] int[] Targets,
    [property: Key(1)] SpikeBatch? Spikes,
    [property: Key(2)] ContinuousBatch? Samples,
    [property: Key(3)] ProbeBatch[] Probes)
{
    /// <summary>The layer's report of the window, for the scheduler (bundles to the coordinator).</summary>
    [Key(5)]
    public WindowDone? Report { get; init; }

    /// <summary>On the wire: <see cref="Spikes"/>' steps and neurons, packed (see <see cref="NodeBundle"/>); null otherwise.</summary>
    [Key(4)]
    public byte[]? Packed { get; init; }

    /// <summary>The target id that stands for the recorder.</summary>
    public const int Recorder = -1;
}
