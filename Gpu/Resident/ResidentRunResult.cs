namespace EventSpike.Gpu.Resident;

/// <summary>
/// What a device-resident run did: steps integrated (fewer than planned when cancelled), spikes per layer, synaptic events
/// delivered into each layer (Σ over its sources' spikes of their rows' lengths), the wall seconds of the steps and of
/// the upload before them.
/// </summary>
public sealed record ResidentRunResult(long Steps, long[] Spikes, long[] SynapticEvents, double WallSeconds, double UploadSeconds)
{
    /// <summary>True when the run was cancelled before its last step.</summary>
    public bool Interrupted { get; init; }
}
