namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// The parameters one DYNAP-SE1 core shares among its 256 neurons (dynapse.md §5.5), in physical
/// units (seconds, amperes); defaults are Rockpool 2's DynapSim reference set. Synapse arrays are
/// indexed by <see cref="SynapseType"/> code (0 GABA_B, 1 GABA_A, 2 NMDA, 3 AMPA). The layout
/// constants (κ, U_T, I₀, V_th, capacitances) are in <see cref="DpiLayout"/>; currents follow from
/// them: I_τ = (U_T/κ)·C/τ, I_gain = ratio·I_τ, I_pulse = V_th·C/t.
/// </summary>
public sealed record DpiCoreParameters
{
    /// <summary>Membrane leak time constant (IF_TAU1_N), s.</summary>
    public double TauMem { get; init; } = 0.02;

    /// <summary>Second membrane leak (IF_TAU2_N), selected per neuron, s.</summary>
    public double TauMem2 { get; init; } = 0.002;

    /// <summary>I_gain,mem / I_τ,mem (IF_THR_N).</summary>
    public double GainMemRatio { get; init; } = 4;

    /// <summary>Constant injected current (IF_DC_P), A.</summary>
    public double Idc { get; init; } = DpiLayout.I0;

    /// <summary>Spike threshold current (a layout constant on SE1), A.</summary>
    public double Ispkthr { get; init; } = 1e-7;

    /// <summary>Refractory period (IF_RFR_N), s.</summary>
    public double TRef { get; init; } = 1e-3;

    /// <summary>CAM-match pulse width (PULSE_PWLK_P), s.</summary>
    public double TPulse { get; init; } = 1e-5;

    /// <summary>Synapse time constants by type code (GABA_B, GABA_A, NMDA, AMPA), s.</summary>
    public double[] TauSyn { get; init; } = [0.1, 0.01, 0.1, 0.01];

    /// <summary>I_gain/I_τ of each synapse type.</summary>
    public double[] GainSynRatio { get; init; } = [100, 100, 100, 100];

    /// <summary>Weight current of one CAM match, per type (PS_WEIGHT_*), A.</summary>
    public double[] Iw { get; init; } = [1e-8, 1e-8, 1e-8, 1e-8];

    /// <summary>NMDA voltage-gate current (IF_NMDA_N), A; I₀ leaves the gate open.</summary>
    public double IfNmda { get; init; } = DpiLayout.I0;

    /// <summary>Adaptation (AHP) time constant (IF_AHTAU_N), s.</summary>
    public double TauAhp { get; init; } = 0.05;

    /// <summary>I_gain,ahp / I_τ,ahp (IF_AHTHR_N).</summary>
    public double GainAhpRatio { get; init; } = 1;

    /// <summary>AHP jump current per spike (IF_AHW_P), A; I₀ turns adaptation off.</summary>
    public double IwAhp { get; init; } = DpiLayout.I0;

    /// <summary>AHP pulse width, s.</summary>
    public double TPulseAhp { get; init; } = 1e-6;

    /// <summary>Which inhibitory synapse is shunting: GABA_A (fast, the default) or GABA_B; the other is subtractive.</summary>
    public SynapseType Shunting { get; init; } = SynapseType.FastInh;

    public bool Equals(DpiCoreParameters? o) =>
        o is not null && TauMem == o.TauMem && TauMem2 == o.TauMem2 && GainMemRatio == o.GainMemRatio && Idc == o.Idc
        && Ispkthr == o.Ispkthr && TRef == o.TRef && TPulse == o.TPulse && TauSyn.SequenceEqual(o.TauSyn)
        && GainSynRatio.SequenceEqual(o.GainSynRatio) && Iw.SequenceEqual(o.Iw) && IfNmda == o.IfNmda && TauAhp == o.TauAhp
        && GainAhpRatio == o.GainAhpRatio && IwAhp == o.IwAhp && TPulseAhp == o.TPulseAhp && Shunting == o.Shunting;

    public override int GetHashCode() => HashCode.Combine(TauMem, Idc, TRef, Iw[3]);

    /// <summary>Refuses values the circuit cannot take, naming the parameter and the core.</summary>
    public void Check(int core)
    {
        void Positive(double v, string name)
        {
            if (!(v > 0) || double.IsInfinity(v)) throw new ArgumentException($"core {core}: {name} must be > 0 and finite, got {v}");
        }
        Positive(TauMem, "tau_mem"); Positive(TauMem2, "tau_mem_2"); Positive(GainMemRatio, "gain_mem_ratio");
        Positive(Ispkthr, "i_spkthr"); Positive(TRef, "t_ref"); Positive(TPulse, "t_pulse"); Positive(TauAhp, "tau_ahp");
        Positive(GainAhpRatio, "gain_ahp_ratio"); Positive(TPulseAhp, "t_pulse_ahp");
        if (Idc < 0 || IfNmda < 0 || IwAhp < 0) throw new ArgumentException($"core {core}: i_dc, if_nmda and iw_ahp must be ≥ 0");
        foreach (var (a, name) in new[] { (TauSyn, "tau_syn"), (GainSynRatio, "gain_syn_ratio"), (Iw, "iw") })
        {
            if (a.Length != 4) throw new ArgumentException($"core {core}: {name} needs 4 values (GABA_B, GABA_A, NMDA, AMPA), got {a.Length}");
            foreach (var v in a) Positive(v, name);
        }
        if (Shunting is not (SynapseType.FastInh or SynapseType.SlowInh)) throw new ArgumentException($"core {core}: the shunting synapse must be an inhibitory one");
    }
}
