using EventSpike.Neurons.Runtime;

namespace EventSpike.Actors.Hosting;

/// <summary>
/// A computed window: the layer's output (a <see cref="Routing.Messages.SpikeBatch"/> or a
/// <see cref="Routing.Messages.ContinuousBatch"/>), the samples of its probes, what it counted, and for
/// a source the step its stream ended at once it has (<see cref="StreamEnd"/>, −1 while it goes on: the
/// run's last window is the one holding the step before it, whichever window reports it) and when its
/// events for the window were all in (<see cref="ReleasedAt"/>, a <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp; 0 when the window waited for nothing outside).
/// </summary>
public sealed record WindowResult(object Output, IReadOnlyList<ProbeWindow> Probes, WindowCounts Counts)
{
    public long StreamEnd { get; init; } = -1;

    public long ReleasedAt { get; init; }
}
