using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;
using EventSpike.Neurons.Weights;
using Xunit;

namespace EventSpike.Neurons.Tests.Runtime;

public class LayerEngineTests
{
    private const double Dt = 1e-4;

    /// <summary>A LIF whose synapse forgets within a step and fires on any input spike of weight ≥ 1.</summary>
    private static LifExpSyn Relay(int size) => new(size, Dt, LayerParameters.From(
        ("tau_mem", 0.02), ("tau_syn", 1e-5), ("v_thresh", 0.5), ("v_reset", 0.0), ("v_rest", 0.0)), new Xoshiro256StarStar(1));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(32)]
    public void A_spike_at_step_s_over_delay_d_acts_at_step_s_plus_d(int delay)
    {
        var synapses = SynapseGenerators.OneToOne(3, WeightRules.Constant(5000), new Xoshiro256StarStar(1));
        var engine = new LayerEngine(Relay(3), [new Projection(synapses, delay, 0, false)], horizonSteps: 64);
        // Source spikes: neuron 1 at step 2, neuron 0 and 2 at step 4.
        int[] stepPtr = [0, 0, 0, 1, 1, 3];
        int[] neurons = [1, 0, 2];
        engine.Deliver(0, 0, stepPtr, neurons);
        var output = new SpikeWindowBuilder();
        engine.Evolve(60, output);
        var ptr = output.ToStepPointers();
        var fired = output.ToNeurons();
        var events = new List<(int Step, int Neuron)>();
        for (var k = 0; k < 60; k++)
            for (var s = ptr[k]; s < ptr[k + 1]; s++) events.Add((k, fired[s]));
        Assert.Equal([(2 + delay, 1), (4 + delay, 0), (4 + delay, 2)], events);
    }

    [Fact]
    public void Recurrent_spikes_come_back_after_their_delay()
    {
        // Neuron 0 → 1 → 2 → 0 ring with a 7-step delay; a kick to neuron 0 at step 0 circulates.
        var b = new SynapseTableBuilder(3, 3);
        b.Add(0, 1, 5000f);
        b.Add(1, 2, 5000f);
        b.Add(2, 0, 5000f);
        var kick = SynapseGenerators.OneToOne(3, WeightRules.Constant(5000), new Xoshiro256StarStar(1));
        var engine = new LayerEngine(Relay(3), [new Projection(kick, 0, 0, false), new Projection(b.Build(), 7, 0, true)], 16);
        engine.Deliver(0, 0, [0, 1], [0]);
        var output = new SpikeWindowBuilder();
        engine.Evolve(30, output);
        var ptr = output.ToStepPointers();
        var fired = output.ToNeurons();
        var events = new List<(int, int)>();
        for (var k = 0; k < 30; k++)
            for (var s = ptr[k]; s < ptr[k + 1]; s++) events.Add((k, fired[s]));
        Assert.Equal([(0, 0), (7, 1), (14, 2), (21, 0), (28, 1)], events);
    }

    [Fact]
    public void Results_do_not_depend_on_how_the_run_is_cut_into_windows()
    {
        static (int[] Ptr, int[] Neurons, double[] V) RunIn(int window)
        {
            var rng = new Xoshiro256StarStar(11);
            var input = new PoissonSource(200, Dt, LayerParameters.From(("rate", 400.0)), b => StreamSeed.Generator(9, "in", b));
            var ff = SynapseGenerators.Bernoulli(200, 300, 0.1, WeightRules.Normal(0.01, 0.005), true, rng);
            var rec = SynapseGenerators.Bernoulli(300, 300, 0.05, WeightRules.ExcitatoryInhibitory(240, WeightRules.Constant(0.004), WeightRules.Constant(-0.01)), false, rng);
            var lif = new LifExpSyn(300, Dt, LayerParameters.From(("v_init", new[] { -0.065, -0.055 }), ("refractory", 0.002)), new Xoshiro256StarStar(2));
            var source = new LayerEngine(input, [], 2 * window);
            var layer = new LayerEngine(lif, [new Projection(ff, 3, 0, false), new Projection(rec, 5, 0, true)], 2 * window);
            var inputWindow = new SpikeWindowBuilder();
            var allPtr = new List<int> { 0 };
            var allNeurons = new List<int>();
            var output = new SpikeWindowBuilder();
            for (var start = 0; start < 3000; start += window)
            {
                source.Evolve(window, inputWindow);
                layer.Deliver(0, inputWindow.StartStep, inputWindow.ToStepPointers(), inputWindow.ToNeurons());
                layer.Evolve(window, output);
                var ptr = output.ToStepPointers();
                var neurons = output.ToNeurons();
                for (var k = 0; k < window; k++)
                {
                    allNeurons.AddRange(neurons[ptr[k]..ptr[k + 1]]);
                    allPtr.Add(allNeurons.Count);
                }
            }
            return (allPtr.ToArray(), allNeurons.ToArray(), (double[])lif.VMem.Clone());
        }

        var reference = RunIn(1);
        Assert.True(reference.Neurons.Length > 100);
        foreach (var window in new[] { 3, 40, 1000 })
        {
            var other = RunIn(window);
            Assert.Equal(reference.Ptr, other.Ptr);
            Assert.Equal(reference.Neurons, other.Neurons);
            Assert.Equal(reference.V, other.V); // bit for bit
        }
    }

    [Fact]
    public void Deliveries_outside_the_horizon_are_refused()
    {
        var synapses = SynapseGenerators.OneToOne(1, WeightRules.Constant(1), new Xoshiro256StarStar(1));
        var engine = new LayerEngine(Relay(1), [new Projection(synapses, 0, 0, false)], 4);
        Assert.Throws<InvalidOperationException>(() => engine.Deliver(0, 10, [0, 1], [0]));
        engine.Evolve(2);
        Assert.Throws<InvalidOperationException>(() => engine.Deliver(0, 1, [0, 1], [0]));
    }
}
