using System.Runtime.CompilerServices;

namespace EventSpike.Neurons.Tests;

/// <summary>Registers the models another assembly brings (RecDynapSE, VirtualDynapse) before any test reads the catalog, as the host does at start.</summary>
internal static class HardwareModels
{
    [ModuleInitializer]
    internal static void Register() => EventSpike.Hardware.Dynapse.Layers.DynapseModels.Register();
}
