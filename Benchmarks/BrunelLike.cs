using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;
using EventSpike.Neurons.Weights;

namespace EventSpike.Benchmarks;

/// <summary>
/// The Brunel 2000 model A pieces the kernel benchmarks share (as <c>eventspike bench brunel</c>
/// builds them): NE = 0.8·N excitatory, NI = 0.2·N inhibitory, fixed in-degree 0.1·NE from E
/// (J = 0.1 mV) and 0.1·NI from I (−g·J, g = 5), delay 1.5 ms = 15 steps at dt 0.1 ms, one table.
/// </summary>
internal static class BrunelLike
{
    public const double Dt = 1e-4;
    public const int DelaySteps = 15;
    public const double J = 1e-4;

    /// <summary>The recurrent table of N neurons (1,250 synapses in per neuron at N = 12,500), rows sorted by target.</summary>
    public static SynapseTable Table(int n, ulong seed = 12345)
    {
        var ne = (int)Math.Round(0.8 * n);
        var rng = StreamSeed.Generator(seed, "bench:brunel");
        var exc = SynapseGenerators.FixedIndegree(ne, n, (int)Math.Round(0.1 * ne), WeightRules.Constant(J), true, rng);
        var inh = SynapseGenerators.FixedIndegree(n - ne, n, (int)Math.Round(0.1 * (n - ne)), WeightRules.Constant(-5 * J), true, rng);
        var b = new SynapseTableBuilder(n, n, (int)(exc.Count + inh.Count));
        for (var pre = 0; pre < ne; pre++)
            for (var s = exc.RowStart[pre]; s < exc.RowStart[pre + 1]; s++) b.Add(pre, exc.Target[s], exc.Weight[s]);
        for (var pre = 0; pre < n - ne; pre++)
            for (var s = inh.RowStart[pre]; s < inh.RowStart[pre + 1]; s++) b.Add(ne + pre, inh.Target[s], inh.Weight[s]);
        return b.Build();
    }

    /// <summary>iaf_psc_delta neurons with Brunel's parameters and the 20 kHz Poisson drive (η = 2), V_reset 0.</summary>
    /// <param name="drive">False: no drive (only for timing the neuron update alone; the neurons stay silent).</param>
    public static IafPscDelta Neurons(int n, ulong seed = 12345, bool drive = true) => new(n, Dt, LayerParameters.From(
            ("tau_mem", 0.02), ("v_thresh", 0.02), ("v_reset", 0.0), ("v_rest", 0.0), ("refractory", 0.002),
            ("drive_rate", drive ? 2.0 * 0.02 / (J * 0.02) : 0.0), ("drive_weight", J)),
        block => StreamSeed.Generator(seed, "layer:brunel", block));
}
