using System.Runtime.CompilerServices;

namespace EventSpike.Actors.Tests;

/// <summary>
/// Registers the models another assembly brings (RecDynapSE, VirtualDynapse) before any test reads the catalog, as the
/// host does at start: the builder's typed methods and the catalog tests then see the same catalog whatever order tests run in.
/// </summary>
internal static class HardwareModels
{
    [ModuleInitializer]
    internal static void Register() => EventSpike.Hardware.Dynapse.Layers.DynapseModels.Register();
}
