using EventSpike.Gpu;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;
using EventSpike.Neurons.Weights;
using Xunit;

namespace EventSpike.Gpu.Tests;

/// <summary>The GPU path, tested on ILGPU's CPU accelerator: the same spikes and state as the CPU model.</summary>
public class AcceleratedIafPscExpTests
{
    private static IafPscExp Cuba(int n) => new(n, 1e-4, LayerParameters.From(("v_init", new[] { -0.06, -0.05 }), ("bias", 0.004)),
        b => StreamSeed.Generator(2, "layer:cuba", b));

    private static (int[] Ptr, int[] Neurons, double[] V) Run(ILayerModel model, int n)
    {
        var rng = new Xoshiro256StarStar(8);
        var exc = SynapseGenerators.Bernoulli(n, n, 0.05, WeightRules.ExcitatoryInhibitory(n * 4 / 5, WeightRules.Constant(0.002), WeightRules.Constant(0)), true, rng);
        var inh = SynapseGenerators.Bernoulli(n, n, 0.05, WeightRules.ExcitatoryInhibitory(n * 4 / 5, WeightRules.Constant(0), WeightRules.Constant(-0.009)), true, rng);
        var engine = new LayerEngine(model, [new Projection(exc, 1, 0, true), new Projection(inh, 1, 1, true)], 20);
        var output = new SpikeWindowBuilder();
        engine.Evolve(400, output);
        return (output.ToStepPointers(), output.ToNeurons(), model.GetState("v_mem"));
    }

    [Fact]
    public void The_accelerated_model_on_ILGPU_s_CPU_accelerator_gives_the_CPU_model_s_spikes_and_state()
    {
        const int n = 300;
        var cpu = Run(Cuba(n), n);
        Assert.True(cpu.Neurons.Length > 50);
        using var device = AcceleratorDevice.Open("ilgpu-cpu");
        using var accelerated = new AcceleratedIafPscExp(Cuba(n), device);
        var gpu = Run(accelerated, n);
        Assert.Equal(cpu.Ptr, gpu.Ptr);
        Assert.Equal(cpu.Neurons, gpu.Neurons);
        Assert.Equal(cpu.V, gpu.V);
    }

    [Fact]
    public void Opening_an_unknown_or_absent_device_says_what_is_missing()
    {
        Assert.Throws<ArgumentException>(() => AcceleratorDevice.Open("tpu"));
        try
        {
            using var cuda = AcceleratorDevice.Open("cuda");
        }
        catch (InvalidOperationException e)
        {
            Assert.Contains("no CUDA device", e.Message);
        }
    }
}
