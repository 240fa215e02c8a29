using EventSpike.Neurons.Models;

namespace EventSpike.Hardware.Dynapse.Layers;

/// <summary>Registers <c>RecDynapSE</c> and <c>VirtualDynapse</c> in <see cref="ModelCatalog"/> (the host calls it once at start); they run on the cpu (the chip model in the plain loop) and on the "dynapse" backend (a device link).</summary>
public static class DynapseModels
{
    public const string Backend = "dynapse";

    public static readonly IReadOnlyList<string> Names = [Layers.RecDynapSE.TypeName, Layers.VirtualDynapse.TypeName];

    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        var backends = new HashSet<string>(StringComparer.Ordinal) { ModelInfo.Cpu, Backend };
        PortInfo[] ports = [new("input", PortKind.Spikes)];
        ModelCatalog.Register(new ModelInfo(Layers.RecDynapSE.TypeName, SignalKind.Spikes, ports, backends),
            (size, dt, p, streams) => new RecDynapSE(size, dt, p, streams), DynapseDocs.RecDynapSE);
        ModelCatalog.Register(new ModelInfo(Layers.VirtualDynapse.TypeName, SignalKind.Spikes, ports, backends),
            (size, dt, p, streams) => new VirtualDynapse(size, dt, p, streams), DynapseDocs.VirtualDynapse);
    }
}
