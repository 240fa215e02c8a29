using EventSpike.Routing.Network;

namespace EventSpike.Actors.Hosting;

/// <summary>
/// A kind of backend a layer can run on ("cpu", "cuda", a chip link, …), registered in
/// <see cref="BackendRegistry"/> by the assembly that brings it. It says which layers it can run
/// without building anything, checks a compiled layer against its limits at load, and builds the
/// backend of one layer.
/// </summary>
public interface IBackendProvider
{
    /// <summary>The name a network file's <c>"backend"</c> or a run's <c>--backend</c> gives.</summary>
    string Name { get; }

    /// <summary>Null when this backend can run <paramref name="layer"/>; otherwise why not (one phrase).</summary>
    string? CannotRun(CompiledLayer layer);

    /// <summary>
    /// Checks a layer this backend is to run against its limits (fan-in, memory, a device being there);
    /// throws <see cref="BackendLimitException"/> naming the layer and the limit. Called before anything runs.
    /// </summary>
    void Validate(CompiledNetwork network, int layer)
    {
    }

    /// <summary>Builds layer <paramref name="layer"/>'s backend at the run's first step, in its initial state.</summary>
    IWindowBackend Create(CompiledNetwork network, int layer, Neurons.Kernels.KernelPool? pool);
}
