using MessagePack;

namespace EventSpike.Actors.Checkpoints;

/// <summary>
/// The complete state of a run at the start of window <see cref="Window"/> (step <see cref="Step"/>):
/// every layer, and how much of the spike journal belongs before it. Written with MessagePack.
/// </summary>
[MessagePackObject]
public sealed record Checkpoint(
    [property: Key(0)] int Version,
    [property: Key(1)] long Window,
    [property: Key(2)] long Step,
    [property: Key(3)] int WindowSteps,
    [property: Key(4)] LayerState[] Layers,
    [property: Key(5)] long JournalBytes)
{
    public const int CurrentVersion = 1;
}
