using EventSpike.Actors.Checkpoints;

namespace EventSpike.Actors.Messages;

/// <summary>Layer → checkpoint actor: its state at the start of window <paramref name="Window"/>.</summary>
public sealed record LayerCheckpointed(long Window, LayerState State) : Cluster.IClusterMessage;
