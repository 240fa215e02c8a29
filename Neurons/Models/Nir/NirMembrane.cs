namespace EventSpike.Neurons.Models.Nir;

/// <summary>
/// The membrane and synapse of NIR's neuron primitives (LIF, CubaLIF, IF, LI, CubaLI, I), shared by
/// <see cref="NirNeuron"/> (spikes out) and <see cref="NirIntegrator"/> (the potential out).
///
/// Equations (NIR, continuous time, seconds; u is the node's input: the sum of what its edges carry):
///   τ_syn dI/dt = −I + w_in·(u + bias)          (no synapse when τ_syn = 0: I = w_in·(u + bias))
///   τ_mem dv/dt = (v_leak − v) + r·I             (no leak when τ_mem = 0: dv/dt = r·I, NIR's IF and I)
/// u is held over each step: a spike is a value 1 during the step it arrives in (weighted by its edge),
/// as Norse and snnTorch count it ("value"), or a Dirac of area 1, i.e. 1/dt over its step ("delta", as Sinabs' IAF adds it).
///
/// Integration, "exact" (zero-order hold: exact for an input held over the step), a = e^(−dt/τ_mem), s = e^(−dt/τ_syn), I∞ = w_in·(u + bias):
///   I' = I∞ + (I − I∞)·s
///   v' = v∞ + (v − v∞)·a + r·(I − I∞)·τ_syn/(τ_syn − τ_mem)·(s − a),  v∞ = v_leak + r·I∞   ((dt/τ_mem)·a for τ_syn = τ_mem)
///   no leak: v' = v + r·(I∞·dt + (I − I∞)·τ_syn·(1 − s)); no synapse: I = I∞ and the cross term vanishes.
/// Integration, "euler" (forward Euler as Norse and snnTorch step, the updated current feeding v):
///   I' = I + dt/τ_syn·(I∞ − I);  v' = v + dt/τ_mem·(v_leak − v + r·I')   (no leak: v' = v + dt·r·I').
/// </summary>
public sealed class NirMembrane
{
    private readonly double[] _a, _s, _cross, _noLeakCross;
    private readonly bool _euler;
    private readonly double _dt;

    internal NirMembrane(int size, double dt, LayerParameters p)
    {
        _dt = dt;
        TauMem = NonNegative(p.PerNeuron("tau_mem", 0.0, size), "tau_mem");
        TauSyn = NonNegative(p.PerNeuron("tau_syn", 0.0, size), "tau_syn");
        R = p.PerNeuron("r", 1.0, size);
        VLeak = p.PerNeuron("v_leak", 0.0, size);
        WIn = p.PerNeuron("w_in", 1.0, size);
        Bias = p.PerNeuron("bias", 0.0, size);
        VInit = p.PerNeuron("v_init", 0.0, size);
        Method = p.Text("method", "exact");
        if (Method is not ("exact" or "euler")) throw new ModelParameterException("method", $"method must be \"exact\" or \"euler\", got \"{Method}\"");
        _euler = Method == "euler";
        Spikes = p.Text("spikes", "value");
        if (Spikes is not ("value" or "delta")) throw new ModelParameterException("spikes", $"spikes must be \"value\" or \"delta\", got \"{Spikes}\"");
        SpikeScale = Spikes == "delta" ? 1 / dt : 1;
        _a = new double[size];
        _s = new double[size];
        _cross = new double[size];
        _noLeakCross = new double[size];
        for (var j = 0; j < size; j++)
        {
            _a[j] = TauMem[j] > 0 ? Math.Exp(-dt / TauMem[j]) : 1;
            _s[j] = TauSyn[j] > 0 ? Math.Exp(-dt / TauSyn[j]) : 0;
            if (TauSyn[j] > 0 && TauMem[j] > 0)
                _cross[j] = Math.Abs(TauSyn[j] - TauMem[j]) < 1e-12 * TauMem[j] ? dt / TauMem[j] * _a[j] : TauSyn[j] / (TauSyn[j] - TauMem[j]) * (_s[j] - _a[j]);
            _noLeakCross[j] = TauSyn[j] > 0 ? TauSyn[j] * (1 - _s[j]) : 0;
        }
    }

    public double[] TauMem { get; }
    public double[] TauSyn { get; }
    public double[] R { get; }
    public double[] VLeak { get; }
    public double[] WIn { get; }
    public double[] Bias { get; }

    /// <summary>The potential at the start (NIR does not say; 0 as snnTorch, Sinabs and Rockpool start).</summary>
    public double[] VInit { get; }

    /// <summary>
    /// How a spike enters u: "value" (1 held over its step: Norse, snnTorch, the exact LIF reference) or "delta"
    /// (a Dirac of area 1, i.e. 1/dt over its step: an IF then jumps by r per spike, as Sinabs' IAF).
    /// </summary>
    public string Spikes { get; }

    /// <summary>What a spike of weight 1 adds to u: 1 or 1/dt.</summary>
    public double SpikeScale { get; }

    /// <summary>"exact" or "euler".</summary>
    public string Method { get; }

    /// <summary>Advances neuron j by one step with input <paramref name="u"/>; updates <paramref name="i"/> and returns the new potential.</summary>
    internal double Advance(int j, double u, ref double i, double v)
    {
        var iInf = WIn[j] * (u + Bias[j]);
        if (_euler)
        {
            i = TauSyn[j] > 0 ? i + _dt / TauSyn[j] * (iInf - i) : iInf;
            return TauMem[j] > 0 ? v + _dt / TauMem[j] * (VLeak[j] - v + R[j] * i) : v + _dt * R[j] * i;
        }
        var transient = TauSyn[j] > 0 ? i - iInf : 0;
        double vNew;
        if (TauMem[j] > 0)
        {
            var vInf = VLeak[j] + R[j] * iInf;
            vNew = vInf + (v - vInf) * _a[j] + R[j] * transient * _cross[j];
        }
        else vNew = v + R[j] * (iInf * _dt + transient * _noLeakCross[j]);
        i = iInf + transient * _s[j];
        return vNew;
    }

    /// <summary>The parameters as <see cref="ILayerModel.ToDict"/> writes them.</summary>
    internal void WriteTo(System.Text.Json.Nodes.JsonObject d)
    {
        d["tau_mem"] = ModelDict.PerNeuron(TauMem);
        d["tau_syn"] = ModelDict.PerNeuron(TauSyn);
        d["r"] = ModelDict.PerNeuron(R);
        d["v_leak"] = ModelDict.PerNeuron(VLeak);
        d["w_in"] = ModelDict.PerNeuron(WIn);
        d["bias"] = ModelDict.PerNeuron(Bias);
        d["v_init"] = ModelDict.PerNeuron(VInit);
        d["method"] = Method;
        d["spikes"] = Spikes;
    }

    private static double[] NonNegative(double[] values, string name)
    {
        foreach (var v in values)
            if (!(v >= 0) || double.IsInfinity(v)) throw new ModelParameterException(name, $"{name} must be finite and ≥ 0 (0: none), got {v}");
        return values;
    }
}
