using Akka.Actor;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// Coordinator → node agent: build the network described by <paramref name="NetworkText"/> (with
/// these overrides) exactly as the coordinator did, and host layers <paramref name="Layers"/>,
/// reporting to <paramref name="Scheduler"/>. Answered with <see cref="LayersHosted"/>.
/// </summary>
public sealed record HostLayers(
    string NetworkText, string NetworkPath, ulong Seed, double Duration, double? Dt, IReadOnlyList<string> Inputs,
    IReadOnlyList<int> Layers, int Threads, IActorRef Scheduler) : IClusterMessage
{
    /// <summary>Checkpoints: take one every this many windows and send it to <see cref="Collector"/> (0: none).</summary>
    public long CheckpointEveryWindows { get; init; }

    public IActorRef? Collector { get; init; }

    /// <summary>The run's --shard-size: layers above it run as shards (and <see cref="Layers"/> counts shards).</summary>
    public int ShardSize { get; init; }

    /// <summary>The file's layers whose incoming connections this node builds (those of the layers it hosts); null: all.</summary>
    public IReadOnlyList<string>? BuildInto { get; init; }

    /// <summary>The run's default backend (<c>--backend</c>); null: cpu.</summary>
    public string? Backend { get; init; }

    /// <summary>The bytes of the <c>--input</c> files named in <see cref="Inputs"/>, in that order, as the coordinator read them.</summary>
    public IReadOnlyList<byte[]>? InputData { get; init; }

    /// <summary>
    /// Windows of the node's bundle to the coordinator (recordings, reports) sent in one message; at most the run's
    /// credit (see <see cref="OutboxActor"/>). 1: every window.
    /// </summary>
    public int ReportEvery { get; init; } = 1;

    /// <summary>Whether the node's inbox takes window bundles from other workers over a <see cref="SpikeLink"/>.</summary>
    public bool SpikeLink { get; init; }

    /// <summary>When resuming: the hosted layers' states, in the order of <see cref="Layers"/>.</summary>
    public IReadOnlyList<Checkpoints.LayerState>? Resume { get; init; }
}
