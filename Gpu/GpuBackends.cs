using EventSpike.Actors.Hosting;

namespace EventSpike.Gpu;

/// <summary>Registers this assembly's backends ("cuda", "ilgpu-cpu") with <see cref="BackendRegistry"/>; the host calls it once at start.</summary>
public static class GpuBackends
{
    public static void Register()
    {
        foreach (var kind in AcceleratorDevice.Kinds)
            if (!BackendRegistry.Names.Contains(kind)) BackendRegistry.Register(new GpuBackendProvider(kind));
    }
}
