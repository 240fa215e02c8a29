using EventSpike.Actors.Hosting;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Models;
using EventSpike.Routing.Network;

namespace EventSpike.Gpu;

/// <summary>
/// The ILGPU backend under the name of its device kind: "cuda" (an NVIDIA GPU) or "ilgpu-cpu" (ILGPU's
/// CPU accelerator, which is how CI checks this path). It runs the layers whose model has an accelerated
/// kernel (iaf_psc_exp) with the same engine as the CPU backend around the accelerated model. The device
/// is opened once, at the first layer that needs it, and serves every layer of the process.
/// </summary>
public sealed class GpuBackendProvider(string kind) : IBackendProvider
{
    private readonly Lazy<AcceleratorDevice> _device = new(() => AcceleratorDevice.Open(kind), LazyThreadSafetyMode.ExecutionAndPublication);

    public string Name => kind;

    /// <summary>A model whose catalog entry declares a GPU kernel (<see cref="ModelInfo.Gpu"/>), at the network's dt.</summary>
    public string? CannotRun(CompiledLayer layer) =>
        ModelCatalog.TryDescribe(layer.Model.ClassName, out var info) && info.Backends.Contains(ModelInfo.Gpu) && layer.Model is IafPscExp { HasDrive: false } && layer.StepMultiple == 1
            ? null
            : $"only {string.Join(", ", ModelCatalog.Infos.Where(i => i.Backends.Contains(ModelInfo.Gpu)).Select(i => i.ClassName))} at the network's dt (without drive_rate) have an accelerated kernel; a whole network of iaf_psc_exp layers, drive included, runs resident with --device";

    public void Validate(CompiledNetwork network, int layer)
    {
        try
        {
            _ = _device.Value;
        }
        catch (InvalidOperationException e)
        {
            throw new BackendLimitException($"layer '{network.Layers[layer].Name}': backend '{kind}' has no device: {e.Message}");
        }
    }

    public IWindowBackend Create(CompiledNetwork network, int layer, KernelPool? pool)
    {
        var model = new AcceleratedIafPscExp((IafPscExp)network.Layers[layer].Model, _device.Value);
        return new EngineBackend(network.CreateEngine(layer, pool: pool, model: model)) { Owned = model };
    }
}
