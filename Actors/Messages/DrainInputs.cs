namespace EventSpike.Actors.Messages;

/// <summary>
/// Scheduler → layer, after the last window: hand every sender batch still waiting to the engine
/// (spikes whose delay carries them past the end of this run), so a later run on the same engines
/// (the Network API) receives them. Answered with <see cref="InputsDrained"/>.
/// </summary>
public sealed record DrainInputs : Cluster.IClusterMessage;
