namespace EventSpike.Actors.Messages;

/// <summary>
/// Close the outputs and answer <see cref="RecordingFinished"/>. From the scheduler at the end of a run
/// (<paramref name="AllWindows"/>): every layer has finished every window, but in a cluster run their
/// last batches may still be on the way (they travel apart from the reports), so the recorder answers
/// once it holds every window of every recorded layer and probe. After an interrupt: with what is in.
/// </summary>
public sealed record FinishRecording(bool AllWindows = false)
{
    /// <summary>The run's last window (an open-ended run learns it from its sources); null: the plan's.</summary>
    public long? LastWindow { get; init; }
}
