namespace EventSpike.Benchmarks.RingScatter;

/// <summary>
/// PD14's per-synapse delays in engine steps, drawn as <c>Host/Bench/Microcircuit.cs</c> writes them: NEST's
/// normal 1.5 ms (from E) / 0.75 ms (from I) with 50 % s.d., drawn again below dt = 0.1 ms, rounded half up to steps,
/// plus the one step of this engine's delivery convention (so 2 steps at least, mean ≈ 16 / 8.5 steps).
/// </summary>
internal static class RingScatterDelays
{
    /// <summary>Longest delay (steps) the full-scale rings hold: ~6σ over the mean for ~2.2·10⁸ E / 8·10⁷ I synapses.</summary>
    public const int MaxExc = 60, MaxInh = 31;

    /// <summary>Share of PD14's recurrent synapses that are excitatory (from config/networks/microcircuit.json's counts).</summary>
    public const double ExcSynapseShare = 0.727;

    /// <summary>Share of PD14's synaptic events that are excitatory (counts × the reference rates: 5.78·10⁸ of 9.78·10⁸ per s).</summary>
    public const double ExcEventShare = 0.591;

    /// <summary>One delay in steps, clamped to the rings' longest.</summary>
    public static int Draw(System.Random rng, bool exc)
    {
        double ms;
        do ms = (exc ? 1.5 : 0.75) * (1 + 0.5 * Normal(rng));
        while (ms < 0.1);
        var steps = (int)Math.Floor(ms / 0.1 + 0.5) + 1;
        return Math.Min(steps, exc ? MaxExc : MaxInh);
    }

    /// <summary>Fractions (E, I) of <paramref name="draws"/> delays longer than <paramref name="cap"/> steps.</summary>
    public static (double Exc, double Inh) FractionBeyond(int cap, int draws, int seed)
    {
        var rng = new System.Random(seed);
        int exc = 0, inh = 0;
        for (var i = 0; i < draws; i++)
        {
            if (Draw(rng, true) > cap) exc++;
            if (Draw(rng, false) > cap) inh++;
        }
        return ((double)exc / draws, (double)inh / draws);
    }

    private static double Normal(System.Random rng)
    {
        var u = 1 - rng.NextDouble();
        var v = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
