using EventSpike.Actors.Hosting;
using EventSpike.Hardware.Dynapse.Backend;
using EventSpike.Hardware.Dynapse.Layers;

namespace EventSpike.Hardware.Dynapse;

/// <summary>Registers the DYNAP-SE models and the "dynapse" backend; the host calls it once at start.</summary>
public static class DynapseHardware
{
    public static void Register()
    {
        DynapseModels.Register();
        if (!BackendRegistry.Names.Contains(DynapseModels.Backend)) BackendRegistry.Register(new DynapseBackendProvider());
    }
}
