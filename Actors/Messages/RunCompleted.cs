namespace EventSpike.Actors.Messages;

/// <summary>Every layer has computed every window and the recorder has closed its outputs.</summary>
public sealed record RunCompleted(long Steps, long Windows, IReadOnlyList<LayerRunStats> Layers)
{
    /// <summary>In a paced run: how far simulated time lagged the wall clock at the end of each window (mean and max, seconds).</summary>
    public (double Mean, double Max)? RealtimeLag { get; init; }

    /// <summary>In an open-ended run fed by live sources: time from a window's events being in to every layer having computed it (mean and max, seconds).</summary>
    public (double Mean, double Max)? SourceLag { get; init; }

    /// <summary>Cluster runs: grant messages the scheduler sent to each node (by address), one for all of a node's layers at a time.</summary>
    public IReadOnlyDictionary<string, long> GrantMessages { get; init; } = new Dictionary<string, long>();
}
