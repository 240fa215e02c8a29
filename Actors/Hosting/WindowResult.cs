using EventSpike.Neurons.Runtime;

namespace EventSpike.Actors.Hosting;

/// <summary>
/// A computed window: the layer's output (a <see cref="Routing.Messages.SpikeBatch"/> or a
/// <see cref="Routing.Messages.ContinuousBatch"/>), the samples of its probes, what it counted, and for
/// a source whether it has no more to give after this window (<see cref="EndOfStream"/>) and when its
/// events for the window were all in (<see cref="ReleasedAt"/>, a <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp; 0 when the window waited for nothing outside).
/// </summary>
public sealed record WindowResult(object Output, IReadOnlyList<ProbeWindow> Probes, WindowCounts Counts)
{
    public bool EndOfStream { get; init; }

    public long ReleasedAt { get; init; }
}
