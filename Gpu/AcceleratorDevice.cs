using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace EventSpike.Gpu;

/// <summary>
/// An ILGPU accelerator for the kernels that can run off the CPU's SIMD path: <c>cuda</c> (an NVIDIA
/// GPU), or <c>ilgpu-cpu</c> (ILGPU's CPU accelerator, which runs the same kernels on CPU threads:
/// how CI tests this path without a GPU). One device serves every accelerated layer of a run.
/// </summary>
public sealed class AcceleratorDevice : IDisposable
{
    private AcceleratorDevice(Context context, Accelerator accelerator, string kind)
    {
        Context = context;
        Accelerator = accelerator;
        Kind = kind;
    }

    public Context Context { get; }
    public Accelerator Accelerator { get; }
    public string Kind { get; }

    /// <summary>The names <see cref="Open"/> accepts besides <c>cpu</c> (which needs no accelerator).</summary>
    public static IReadOnlyList<string> Kinds => ["cuda", "ilgpu-cpu"];

    /// <summary>Opens <paramref name="kind"/>; throws <see cref="InvalidOperationException"/> naming what is missing when no such device exists.</summary>
    public static AcceleratorDevice Open(string kind)
    {
        switch (kind)
        {
            case "ilgpu-cpu":
            {
                var context = Context.Create(b => b.CPU());
                return new AcceleratorDevice(context, context.CreateCPUAccelerator(0), kind);
            }
            case "cuda":
            {
                var context = Context.Create(b => b.Cuda());
                var devices = context.GetCudaDevices();
                if (devices.Count == 0)
                {
                    context.Dispose();
                    throw new InvalidOperationException("no CUDA device found (is an NVIDIA GPU and its driver present?)");
                }
                return new AcceleratorDevice(context, context.CreateCudaAccelerator(0), kind);
            }
            default:
                throw new ArgumentException($"unknown device '{kind}'; known: cpu, {string.Join(", ", Kinds)}");
        }
    }

    public void Dispose()
    {
        Accelerator.Dispose();
        Context.Dispose();
    }
}
