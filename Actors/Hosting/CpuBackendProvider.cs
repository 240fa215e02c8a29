using EventSpike.Routing.Network;

namespace EventSpike.Actors.Hosting;

/// <summary>The default backend: every model, on this process's cores (<see cref="EngineBackend"/>).</summary>
public sealed class CpuBackendProvider : IBackendProvider
{
    public const string BackendName = "cpu";

    public string Name => BackendName;

    public string? CannotRun(CompiledLayer layer) => null;

    public IWindowBackend Create(CompiledNetwork network, int layer, Neurons.Kernels.KernelPool? pool) =>
        new EngineBackend(network.CreateEngine(layer, pool: pool));
}
