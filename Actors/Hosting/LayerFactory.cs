using Akka.Actor;
using EventSpike.Actors.Checkpoints;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Hosting;

/// <summary>
/// Builds the layers of a compiled network, the same way for a local run, the plain loop and a cluster
/// node: each layer's backend comes from its <c>"backend"</c> in the network file, else from the run's
/// default backend when that one can run it, else "cpu" (<see cref="BackendRegistry"/>). A layer asked
/// for a backend that cannot run it, or that breaks the backend's limits, is refused before anything runs.
/// </summary>
public sealed class LayerFactory(CompiledNetwork network, string? defaultBackend = null, KernelPool? pool = null)
{
    /// <summary>The backend that runs <paramref name="layer"/>.</summary>
    public IBackendProvider ProviderFor(int layer)
    {
        var l = network.Layers[layer];
        if (l.Backend is { } named)
        {
            var provider = BackendRegistry.Get(named);
            if (provider.CannotRun(l) is { } why)
                throw new BackendLimitException($"layer '{l.Name}' ({l.Model.ClassName}): backend '{named}' cannot run it: {why}");
            return provider;
        }
        if (defaultBackend is not null && defaultBackend != CpuBackendProvider.BackendName)
        {
            var preferred = BackendRegistry.Get(defaultBackend);
            if (preferred.CannotRun(l) is null) return preferred;
        }
        return BackendRegistry.Get(CpuBackendProvider.BackendName);
    }

    /// <summary>Checks every layer against its backend (exit 2 when one cannot run: names the layer and the limit).</summary>
    public void Validate()
    {
        foreach (var layer in network.Layers) ProviderFor(layer.Id).Validate(network, layer.Id);
    }

    /// <summary>Layer <paramref name="layer"/>'s backend at the run's first step, or at the checkpoint <paramref name="resume"/>.</summary>
    public IWindowBackend Create(int layer, LayerState? resume = null)
    {
        var backend = ProviderFor(layer).Create(network, layer, pool);
        if (resume is not null) backend.Restore(new EngineSnapshot(resume.Step, resume.State, resume.Random, resume.Rings));
        else backend.Reset(network.Plan.FirstStep); // a compiled network's models may have run before
        return backend;
    }

    /// <summary>
    /// The actor of layer <paramref name="layer"/> hosting <paramref name="backend"/> (a fresh one when null),
    /// on the layer dispatcher.
    /// </summary>
    public Props Props(int layer, IActorRef scheduler, CheckpointSettings? checkpoints, LayerState? resume, IWindowBackend? backend = null)
    {
        backend ??= Create(layer, resume);
        if (backend.Step != (resume?.Step ?? network.Plan.FirstStep))
            throw new InvalidOperationException($"layer {network.Layers[layer].Name}'s backend is at step {backend.Step}, the run starts at {resume?.Step ?? network.Plan.FirstStep}");
        return LayerActor.Props(layer, backend, network.Plan, LayerInput.Of(network, layer), scheduler, checkpoints, resume)
            .WithDispatcher(LocalRunner.LayerDispatcher);
    }
}
