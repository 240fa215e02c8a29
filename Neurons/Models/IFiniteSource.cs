namespace EventSpike.Neurons.Models;

/// <summary>
/// A source whose stream has an end known in advance (a replayed recording): it emits nothing from
/// <see cref="EndStep"/> on, so an open-ended run fed only by such sources ends there.
/// </summary>
public interface IFiniteSource
{
    /// <summary>The first step with nothing left to emit: the recording's end, as a step count (Rockpool's t_stop).</summary>
    long EndStep { get; }
}
