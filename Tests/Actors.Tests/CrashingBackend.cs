using EventSpike.Actors.Hosting;
using EventSpike.Neurons.Runtime;

namespace EventSpike.Actors.Tests;

/// <summary>
/// A backend that computes like the one it wraps but runs out of memory outside its computation: when
/// its state is taken for a checkpoint (an exception its layer actor does not handle).
/// </summary>
public sealed class CrashingBackend(IWindowBackend inner) : DelegatingBackend(inner)
{
    public override EngineSnapshot Snapshot() => throw new OutOfMemoryException("no room for the layer's state");
}
