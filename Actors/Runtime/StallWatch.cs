namespace EventSpike.Actors.Runtime;

/// <summary>
/// The scheduler's watchdog: if no window finishes for <paramref name="TimeoutSeconds"/>, the run
/// fails naming who it waits on. <paramref name="Inputs"/>[l] lists layer l's external inputs.
/// </summary>
public sealed record StallWatch(double TimeoutSeconds, IReadOnlyList<string> Names, IReadOnlyList<IReadOnlyList<LayerInput>> Inputs);
