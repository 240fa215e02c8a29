using MessagePack;

namespace EventSpike.Actors.Checkpoints;

/// <summary>
/// The complete state of a run at the start of window <see cref="Window"/> (step <see cref="Step"/>):
/// every layer, and how much of the spike journal belongs before it, and the run it belongs to
/// (<see cref="RunId"/>). Written with MessagePack.
/// </summary>
[MessagePackObject]
public sealed record Checkpoint(
    [property: Key(0)] int Version,
    [property: Key(1)] long Window,
    [property: Key(2)] long Step,
    [property: Key(3)] int WindowSteps,
    [property: Key(4)] LayerState[] Layers,
    [property: Key(5)] long JournalBytes,
    [property: Key(6)] string? RunId = null)
{
    // RunId: the id of the run that wrote it (its manifest's); null in files written before runs had ids.
    public const int CurrentVersion = 1;
}
