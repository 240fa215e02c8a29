using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Hosting;

/// <summary>
/// What a layer actor hosts: something that computes one layer a window at a time. The actor hands it
/// the sender batches a window needs (<see cref="Deliver(LayerInput, SpikeBatch)"/>), then asks for the
/// window (<see cref="ComputeAsync"/>). A backend that computes in place (the CPU engine) returns a
/// completed task; one that computes elsewhere (a GPU, a chip behind a socket, a live source waiting for
/// its events) returns a pending one, and the actor stays responsive until it completes.
/// Checkpoints read and write its state only between windows.
/// </summary>
public interface IWindowBackend : IDisposable
{
    /// <summary>What the layer emits: spikes, or a continuous signal.</summary>
    SignalKind OutputKind { get; }

    /// <summary>Whether this layer takes no input and emits from outside the network (a generator, a file, a sensor).</summary>
    bool IsSource { get; }

    /// <summary>The next step the backend will compute.</summary>
    long Step { get; }

    /// <summary>A sender's spikes, for the windows that need them (delays are the backend's business).</summary>
    void Deliver(LayerInput input, SpikeBatch batch);

    /// <summary>A sender's continuous samples.</summary>
    void Deliver(LayerInput input, ContinuousBatch batch);

    /// <summary>
    /// Computes steps [<paramref name="startStep"/>, <paramref name="startStep"/> + <paramref name="steps"/>)
    /// of layer <paramref name="layer"/> and gives its output batch. Called again only once the task has completed.
    /// </summary>
    ValueTask<WindowResult> ComputeAsync(int layer, long startStep, int steps);

    /// <summary>The complete state between two windows (for checkpoints).</summary>
    EngineSnapshot Snapshot();

    /// <summary>Puts back what <see cref="Snapshot"/> gave.</summary>
    void Restore(EngineSnapshot snapshot);

    /// <summary>Back to the initial state at <paramref name="step"/> (a compiled network run again).</summary>
    void Reset(long step = 0);
}
