using EventSpike.Actors.Hosting;
using EventSpike.Actors.Recording;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Gpu.Tests;

/// <summary>The GPU backend as the runtime chooses it (on ILGPU's CPU accelerator, so it runs without a GPU).</summary>
public class GpuBackendTests
{
    static GpuBackendTests() => GpuBackends.Register();

    private static NetworkSpec Cuba(string? backend) => new("cuba", 1e-4, 0.05, 9,
        [
            Layer("drive", "PoissonSource", 50, """{"rate": 400}"""),
            Layer("exc", "iaf_psc_exp", 200, """{"v_init": [-0.07, -0.055]}""") with { Backend = backend },
            Layer("lif", "LIF", 20, "{}"),
        ],
        [
            Connect("drive", "exc", 0, """{"generator":"bernoulli","p":0.3,"weight":0.004}"""),
            Connect("exc", "exc", 0.0005, """{"generator":"bernoulli","p":0.05,"weight":0.0005}"""),
            Connect("exc", "lif", 0.001, """{"generator":"bernoulli","p":0.2,"weight":0.002}"""),
        ]);

    private sealed class Spikes : ISpikeSink
    {
        public List<(long, int, int)> All { get; } = new();

        public void Write(long step, int layer, ReadOnlySpan<int> neurons)
        {
            foreach (var n in neurons) All.Add((step, layer, n));
        }

        public void Complete()
        {
        }
    }

    private static async Task<List<(long, int, int)>> Run(NetworkSpec spec, string? runDefault)
    {
        var sink = new Spikes();
        var result = await LocalRunner.RunAsync(NetworkCompiler.Compile(spec), sink, new RunOptions(Threads: 1) { Backend = runDefault });
        Assert.True(result.Succeeded, result.Failure);
        return sink.All;
    }

    [Fact]
    public async Task Iaf_psc_exp_on_the_gpu_backend_gives_the_cpu_spikes_whether_the_file_or_the_run_chooses_it()
    {
        var cpu = await Run(Cuba(null), null);
        Assert.True(cpu.Count > 100);
        Assert.Equal(cpu, await Run(Cuba("ilgpu-cpu"), null));
        Assert.Equal(cpu, await Run(Cuba(null), "ilgpu-cpu")); // the run's default: the LIF layer stays on the cpu
    }

    [Fact]
    public void The_factory_puts_on_the_gpu_only_what_it_can_run_and_refuses_a_layer_that_asks_for_it_otherwise()
    {
        var net = NetworkCompiler.Compile(Cuba(null));
        var factory = new LayerFactory(net, "ilgpu-cpu");
        Assert.Equal("ilgpu-cpu", factory.ProviderFor(1).Name);
        Assert.Equal("cpu", factory.ProviderFor(2).Name);
        var spec = Cuba(null);
        var bad = NetworkCompiler.Compile(spec with { Layers = [spec.Layers[0], spec.Layers[1], spec.Layers[2] with { Backend = "cuda" }] });
        var e = Assert.Throws<BackendLimitException>(() => new LayerFactory(bad).Validate());
        Assert.Contains("layer 'lif' (LIF): backend 'cuda' cannot run it", e.Message);
    }

    [Fact]
    public void The_accelerated_iaf_psc_exp_has_the_ports_and_output_kind_of_its_declared_info()
    {
        var info = ModelCatalog.Describe(IafPscExp.TypeName);
        Assert.Contains(ModelInfo.Gpu, info.Backends);
        using var device = AcceleratorDevice.Open("ilgpu-cpu");
        var cpu = (IafPscExp)ModelCatalog.Create(IafPscExp.TypeName, 3, 1e-4, new LayerParameters(), b => new Neurons.Random.Xoshiro256StarStar((ulong)b + 1));
        using var built = new AcceleratedIafPscExp(cpu, device);
        ILayerModel accelerated = built;
        Assert.Equal(info.ClassName, accelerated.ClassName);
        Assert.Equal(info.OutputKind, accelerated.OutputKind);
        Assert.Equal(info.Ports, accelerated.Ports.Select(PortInfo.Of).ToList());
    }
}
