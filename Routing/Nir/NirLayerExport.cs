using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Nir;

namespace EventSpike.Routing.Nir;

/// <summary>
/// One layer as a NIR node: the NIR models back to the primitive they came from, EventSpike's LIF
/// (exponential synapse) as a CubaLIF, external inputs and replays as Input. Null, with the reason, for
/// a layer that has no NIR equivalent. <see cref="Bias"/> is the constant input the node's incoming Affine must carry.
/// </summary>
internal sealed record NirLayerExport(NirNode Node, double[]? Bias)
{
    public static NirLayerExport? Of(ILayerModel model, out string? why)
    {
        why = null;
        var shape = Shape(model);
        switch (model)
        {
            case NirNeuron n:
                return Membrane(n.Membrane, shape, spiking: true, n.VThreshold, n.VReset, out why);
            case NirIntegrator i:
                return Membrane(i.Membrane, shape, spiking: false, null, null, out why);
            case NirThreshold t:
                return new(Make("Threshold", ("threshold", Floats(t.Threshold, shape))), t.Bias);
            case NirOutput o:
                return new(Make("Output", ("shape", NirField.Integers(shape.Select(d => (long)d).ToArray()))), o.Bias);
            case NirInput or ExternalInput or EventReplay or SignalReplay:
                return new(Make("Input", ("shape", NirField.Integers(shape.Select(d => (long)d).ToArray()))), null);
            case LifExpSyn lif:
                if (lif.Refractory.Any(r => r > 0)) why = "a refractory period has no NIR equivalent";
                // A spike of weight w adds w to I_syn; NIR's CubaLIF with u = w over one step adds w_in·w·(1 − e^(−dt/τ_syn)) ≈ w when w_in = τ_syn/dt.
                return why is not null ? null : new(Make("CubaLIF",
                    ("tau_mem", Floats(lif.TauMem, shape)), ("tau_syn", Floats(lif.TauSyn, shape)), ("r", Floats(Ones(lif.Size), shape)),
                    ("v_leak", Floats(lif.VRest.Zip(lif.Bias, (v, b) => v + b).ToArray(), shape)), ("v_threshold", Floats(lif.VThresh, shape)),
                    ("v_reset", Floats(lif.VReset, shape)), ("w_in", Floats(lif.TauSyn.Select(t => t / lif.Dt).ToArray(), shape))), null);
            default:
                why = "no NIR primitive behaves like it";
                return null;
        }
    }

    private static NirLayerExport? Membrane(NirMembrane m, int[] shape, bool spiking, double[]? threshold, double[]? reset, out string? why)
    {
        why = null;
        var synapse = Uniform(m.TauSyn.Select(t => t > 0), "tau_syn", ref why);
        var leak = Uniform(m.TauMem.Select(t => t > 0), "tau_mem", ref why);
        if (m.VInit.Any(v => v != 0)) why = "v_init ≠ 0 has no NIR equivalent";
        if (m.Spikes != "value") why = "spikes \"delta\" has no NIR equivalent (NIR counts a spike as 1 over its step)";
        if (synapse && !leak) why = "a synapse without a membrane leak has no NIR primitive";
        if (why is not null) return null;
        var fields = new List<(string, NirField)>();
        var r = m.R;
        if (synapse) fields.AddRange([("tau_mem", Floats(m.TauMem, shape)), ("tau_syn", Floats(m.TauSyn, shape)), ("w_in", Floats(m.WIn, shape))]);
        else
        {
            r = m.R.Zip(m.WIn, (a, b) => a * b).ToArray(); // without a synapse, w_in only scales the input: fold it into r
            if (leak) fields.Add(("tau", Floats(m.TauMem, shape)));
        }
        fields.Add(("r", Floats(r, shape)));
        if (leak) fields.Add(("v_leak", Floats(m.VLeak, shape)));
        if (spiking) fields.AddRange([("v_threshold", Floats(threshold!, shape)), ("v_reset", Floats(reset!, shape))]);
        var type = (spiking, synapse, leak) switch
        {
            (true, true, _) => "CubaLIF",
            (true, false, true) => "LIF",
            (true, false, false) => "IF",
            (false, true, _) => "CubaLI",
            (false, false, true) => "LI",
            _ => "I",
        };
        return new(Make(type, fields.ToArray()), m.Bias);
    }

    private static bool Uniform(IEnumerable<bool> flags, string name, ref string? why)
    {
        var list = flags.Distinct().ToList();
        if (list.Count > 1) why = $"{name} is 0 for some neurons and not for others: no single NIR primitive";
        return list.Count > 0 && list[0];
    }

    private static int[] Shape(ILayerModel model) => model switch
    {
        NirNeuron n when n.Shape is not null => n.Shape,
        NirIntegrator i when i.Shape is not null => i.Shape,
        NirThreshold t when t.Shape is not null => t.Shape,
        NirOutput o when o.Shape is not null => o.Shape,
        NirInput i when i.Shape is not null => i.Shape,
        _ => [model.Size],
    };

    private static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();

    private static NirField Floats(double[] values, int[] shape) => new(values, shape, NirFieldKind.Float64);

    private static NirNode Make(string type, params (string Name, NirField Field)[] fields) => new(type, fields.ToDictionary(f => f.Name, f => f.Field));
}
