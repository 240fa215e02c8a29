using System.Text.Json;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Bench;

/// <summary>
/// The Potjans–Diesmann cortical microcircuit (PD14; Potjans &amp; Diesmann 2014, Cereb. Cortex 24:785), with the
/// parameters of NEST's pynest/examples/Potjans_2014/network_params.py (written from the paper's Table 5 and that
/// file's public numbers), as an ordinary network description.
/// <list type="bullet">
/// <item>8 layers L23E … L6I of <c>iaf_psc_exp</c>: C_m 250 pF, τ_m 10 ms, τ_syn 0.5 ms, E_L = V_reset −65 mV,
/// V_th −50 mV, t_ref 2 ms, V(0) normal per population with NEST's "optimized" means and s.d.s (<see cref="OptimizedV0Mean"/>,
/// NEST's default), or N(−58 mV, (10 mV)²) for all ("original"). Currents are R·I volts here: a PSC of I pA is I·τ_m/C_m = I·0.04 mV.</item>
/// <item>Connections: K = round(ln(1 − p)/ln(1 − 1/(N_pre·N_post)) · s²) synapses (s = scale; the full-scale
/// count with N and K scaled by s, as NEST's example) drawn with multapses and autapses (<c>fixed_total_number</c>).</item>
/// <item>Weights: the PSC of a 0.15 mV PSP (87.81 pA; NEST's <c>postsynaptic_potential_to_current</c>), ×2 for
/// L4E → L23E, ×g = −4 from inhibitory layers, normal with 10 % relative s.d., clipped at 0 (sign kept; NEST draws
/// again, but 0 lies 10 s.d. from the mean, so no draw reaches it); all ÷√s.</item>
/// <item>Delays: normal 1.5 ms (from E) / 0.75 ms (from I), 50 % relative s.d., drawn again below dt (NEST's
/// <c>redraw(normal, min=dt)</c>), rounded to whole steps (NEST's delay rounding, half up); each
/// written here one step longer (mean + dt, truncated below at 2·dt): NEST adds a spike that arrives in a step to the
/// synaptic current after that step's membrane update, so it moves V one step later than an input here, which acts in
/// the step it arrives (docs/network-format.md, "Time conventions"). A NEST delay of d is therefore d + dt here.</item>
/// <item>External drive: K_ext·s independent Poisson inputs of 8 Hz per neuron (one Poisson train of rate
/// 8·K_ext·s Hz onto I_exc, weight PSC/√s), as NEST's <c>poisson_input</c>.</item>
/// <item>s &lt; 1: NEST's DC compensation of the lost mean input, 0.001·τ_syn·(1 − √s)·(Σ_j PSC_ij·K_ij/N_i·ν_j + PSC·K_ext,i·8 Hz) pA,
/// with ν the full-scale rates <see cref="ReferenceRates"/> (NEST 2's example's; NEST 3's uses <see cref="NestExampleRates"/>,
/// which gives a smaller DC, e.g. 29 instead of 95 pA for L23E at s = 0.1), given as <c>bias</c>.</item>
/// </list>
/// </summary>
public static class Microcircuit
{
    public static readonly IReadOnlyList<string> Populations = ["L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"];

    public static readonly IReadOnlyList<int> FullSizes = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948];

    /// <summary>Connection probabilities [target][source], populations in <see cref="Populations"/> order.</summary>
    public static readonly double[][] ConnectionProbabilities =
    [
        [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
        [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
        [0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0],
        [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
        [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
        [0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0],
        [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
        [0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443],
    ];

    public static readonly IReadOnlyList<int> ExternalIndegrees = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100];

    /// <summary>
    /// The full-scale reference mean rates (Hz) per population that issue #17 names: the <c>full_mean_rates</c> of the
    /// 2016 PyNEST example for NEST 2 (initial V N(−58, 10) mV, <c>normal_clipped</c> weights and delays).
    /// </summary>
    public static readonly IReadOnlyList<double> ReferenceRates = [0.971, 2.868, 4.746, 5.396, 8.142, 9.078, 0.991, 7.523];

    /// <summary>
    /// The <c>full_mean_rates</c> (Hz) of NEST 3's Potjans_2014 example, the model written here ("optimized" initial V,
    /// redrawn weights and delays): one run of that example at full scale on 4 threads, rates in [0.5, 1.5] s. NEST 3's
    /// DC compensation of a scaled network uses these; <see cref="CompensationPa"/> keeps <see cref="ReferenceRates"/>.
    /// </summary>
    public static readonly IReadOnlyList<double> NestExampleRates = [0.903, 2.965, 4.414, 5.876, 7.569, 8.633, 1.105, 7.829];

    /// <summary>NEST's <c>V0_type = 'optimized'</c> initial membrane potentials: mean and s.d. (mV) per population.</summary>
    public static readonly IReadOnlyList<double> OptimizedV0Mean = [-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43];

    /// <inheritdoc cref="OptimizedV0Mean"/>
    public static readonly IReadOnlyList<double> OptimizedV0Sd = [5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48];

    public const double Dt = 1e-4, CapacitancePf = 250, TauMemMs = 10, TauSynMs = 0.5, PspMv = 0.15, G = -4;
    public const double BackgroundRateHz = 8, WeightRelativeSd = 0.1, DelayRelativeSd = 0.5, DelayExcMs = 1.5, DelayInhMs = 0.75;

    /// <summary>R = τ_m/C_m in volts per pA (weights here are R·I volts).</summary>
    public const double VoltsPerPa = TauMemMs * 1e-3 / (CapacitancePf * 1e-12) * 1e-12;

    /// <summary>The PSC amplitude (pA) of a PSP of <paramref name="pspMv"/> (NEST's postsynaptic_potential_to_current for iaf_psc_exp).</summary>
    public static double PscOfPsp(double pspMv)
    {
        var sub = 1.0 / (TauSynMs - TauMemMs);
        var pre = TauMemMs * TauSynMs / CapacitancePf * sub;
        var frac = Math.Pow(TauMemMs / TauSynMs, sub);
        return pspMv / (pre * (Math.Pow(frac, TauMemMs) - Math.Pow(frac, TauSynMs)));
    }

    /// <summary>Full-scale synapse count for target i, source j: ln(1 − p)/ln(1 − 1/(N_i·N_j)) (not rounded).</summary>
    public static double FullSynapses(int target, int source)
    {
        var p = ConnectionProbabilities[target][source];
        var prod = (double)FullSizes[target] * FullSizes[source];
        return p == 0 ? 0 : Math.Log(1 - p) / Math.Log(1 - 1 / prod);
    }

    /// <summary>Neurons of population i at <paramref name="scale"/>.</summary>
    public static int Size(int i, double scale) => Math.Max(1, (int)Math.Round(FullSizes[i] * scale));

    /// <summary>Synapses from source j onto target i at <paramref name="scale"/> (N and K both scaled, as NEST's example).</summary>
    public static int Synapses(int target, int source, double scale) => (int)Math.Round(FullSynapses(target, source) * scale * scale);

    /// <summary>Mean PSC (pA, full scale) from source j onto target i: PSC(0.15 mV), ×2 for L4E → L23E, ×g from I.</summary>
    public static double MeanPsc(int target, int source) =>
        PscOfPsp(PspMv) * (target == 0 && source == 2 ? 2 : 1) * (source % 2 == 1 ? G : 1);

    /// <summary>External in-degree of population i at <paramref name="scale"/>.</summary>
    public static int ExternalIndegree(int i, double scale) => (int)Math.Round(ExternalIndegrees[i] * scale);

    /// <summary>NEST's DC compensation (pA) of population i for in-degrees scaled by <paramref name="scale"/> (0 at full scale).</summary>
    public static double CompensationPa(int i, double scale)
    {
        if (scale >= 1) return 0;
        var recurrent = 0.0;
        for (var j = 0; j < 8; j++) recurrent += MeanPsc(i, j) * FullSynapses(i, j) / FullSizes[i] * ReferenceRates[j];
        var external = PscOfPsp(PspMv) * ExternalIndegrees[i] * BackgroundRateHz;
        return 0.001 * TauSynMs * (1 - Math.Sqrt(scale)) * (recurrent + external);
    }

    /// <summary>The network at <paramref name="scale"/> for <paramref name="duration"/> simulated seconds.</summary>
    /// <param name="optimizedV0">NEST's per-population initial potentials (true, NEST's default) or N(−58, 10) mV for all.</param>
    public static NetworkSpec Create(double scale, double duration, ulong seed, bool optimizedV0 = true)
    {
        if (!(scale > 0 && scale <= 1)) throw new ArgumentOutOfRangeException(nameof(scale), "the microcircuit's scale lies in (0, 1]");
        var weightScale = 1 / Math.Sqrt(scale);
        var layers = new List<LayerSpec>();
        for (var i = 0; i < 8; i++)
        {
            var p = new Dictionary<string, object>
            {
                ["tau_mem"] = TauMemMs * 1e-3, ["tau_syn_exc"] = TauSynMs * 1e-3, ["tau_syn_inh"] = TauSynMs * 1e-3,
                ["v_thresh"] = -0.050, ["v_reset"] = -0.065, ["v_rest"] = -0.065, ["refractory"] = 0.002,
                ["v_init_mean"] = optimizedV0 ? OptimizedV0Mean[i] * 1e-3 : -0.058, ["v_init_std"] = optimizedV0 ? OptimizedV0Sd[i] * 1e-3 : 0.010,
                ["drive_rate"] = BackgroundRateHz * ExternalIndegree(i, scale),
                ["drive_weight"] = PscOfPsp(PspMv) * weightScale * VoltsPerPa,
            };
            if (CompensationPa(i, scale) is var dc and not 0) p["bias"] = dc * VoltsPerPa;
            layers.Add(new LayerSpec(Populations[i], "iaf_psc_exp", Size(i, scale),
                p.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value))));
        }
        var connections = new List<ConnectionSpec>();
        for (var i = 0; i < 8; i++)
            for (var j = 0; j < 8; j++)
            {
                var n = Synapses(i, j, scale);
                if (n == 0) continue;
                var mean = MeanPsc(i, j) * weightScale * VoltsPerPa;
                var weights = new Dictionary<string, object>
                {
                    ["generator"] = "fixed_total_number", ["n"] = n, ["autapses"] = true,
                    ["weight"] = new Dictionary<string, object> { ["mean"] = mean, ["std"] = Math.Abs(mean) * WeightRelativeSd, ["keep_sign"] = true },
                };
                var delayMean = (j % 2 == 0 ? DelayExcMs : DelayInhMs) * 1e-3;
                var delay = new Dictionary<string, double> { ["mean"] = delayMean + Dt, ["std"] = delayMean * DelayRelativeSd, ["min"] = 2 * Dt };
                connections.Add(new ConnectionSpec(Populations[j], Populations[i], JsonSerializer.SerializeToElement(weights), 0, j % 2 == 0 ? "exc" : "inh")
                {
                    Where = $"microcircuit {Populations[j]}->{Populations[i]}",
                    DelayDistribution = JsonSerializer.SerializeToElement(delay),
                });
            }
        return new NetworkSpec("microcircuit", Dt, duration, seed, layers, connections, null, null);
    }

    /// <summary>
    /// The network as a network file (config/networks/microcircuit.json is this at scale 1): one layer and one
    /// connection per line, numbers in round-trip form.
    /// </summary>
    public static string FileText(double scale = 1, double duration = 1.5, ulong seed = 12345, bool optimizedV0 = true)
    {
        var spec = Create(scale, duration, seed, optimizedV0);
        var o = new JsonSerializerOptions { WriteIndented = false };
        var w = new System.Text.StringBuilder();
        w.Append("{\n  \"name\": \"microcircuit\",\n");
        w.Append("  \"description\": \"Potjans & Diesmann 2014 cortical microcircuit (PD14) at scale " + BenchNetworks.Format(scale) +
                 ", parameters of NEST's Potjans_2014 example; written by `eventspike bench microcircuit`'s Microcircuit.FileText\",\n");
        w.Append($"  \"dt\": {BenchNetworks.Format(spec.Dt)},\n  \"duration\": {BenchNetworks.Format(duration)},\n  \"seed\": {seed},\n  \"layers\": [\n");
        w.AppendJoin(",\n", spec.Layers.Select(l =>
            $"    {{\"name\": \"{l.Name}\", \"type\": \"{l.Type}\", \"size\": {l.Size}, \"params\": {JsonSerializer.Serialize(l.Parameters, o)}}}"));
        w.Append("\n  ],\n  \"connections\": [\n");
        w.AppendJoin(",\n", spec.Connections.Select(c =>
            $"    {{\"from\": \"{c.From}\", \"to\": \"{c.To}\", \"port\": \"{c.Port}\", \"delay\": {c.DelayDistribution!.Value.GetRawText()}, \"weights\": {c.Weights.GetRawText()}}}"));
        w.Append("\n  ]\n}\n");
        return w.ToString();
    }
}
