using static EventSpike.Neurons.Models.Docs.SharedDocs;

namespace EventSpike.Neurons.Models.Docs;

/// <summary>The documentation of the NEST-named models (<see cref="NestIntegrateAndFire"/> and its four subclasses).</summary>
internal static class NestModelDocs
{
    private const string Family = "NEST-named";

    /// <summary>The membrane parameters every NEST-named model reads (scalars), with the model's defaults.</summary>
    private static ParameterDoc[] Membrane(MembraneDefaults d) =>
    [
        P("tau_mem", "0.02", "s", "membrane time constant (scalar, > 0)"),
        P("v_thresh", Number(d.VThresh), "V", "threshold (scalar)"),
        P("v_reset", Number(d.VReset), "V", "reset potential (scalar)"),
        P("v_rest", Number(d.VRest), "V", "resting potential (scalar)"),
        P("bias", "0", "R·I volts", "constant input (scalar)"),
        P("refractory", Number(d.Refractory), "s", "refractory period (scalar, ≥ 0)"),
        .. VInit("v_init, else v_rest"),
    ];

    private static ParameterDoc[] SynapseTaus(string unit) =>
    [
        P("tau_syn_exc", "0.005", "s", $"excitatory {unit} time constant (scalar, > 0)"),
        P("tau_syn_inh", "0.01", "s", $"inhibitory {unit} time constant (scalar, > 0)"),
    ];

    private static readonly PortDoc Current = Port("current", "a continuous input I_in (R·I volts), held over the step");

    private static readonly StateDoc VMem = S("v_mem", "V", "membrane potential");

    private static readonly StateDoc Refractory = S("refractory_left", "steps", "steps left in the refractory period");

    private static readonly MembraneDefaults CurrentBased = new(VThresh: -0.05, VReset: -0.06, VRest: -0.049, Refractory: 0.005);

    public static readonly ModelDoc IafPscExp = new(
        Family,
        "Current-based LIF with separate excitatory and inhibitory exponential currents (NEST's iaf_psc_exp; Brian2's CUBA).",
        """
        τ_mem dV/dt = −(V − v_rest) + I_exc + I_inh + bias + I_in(t)      (currents in volts, R·I)
        τ_syn_exc dI_exc/dt = −I_exc,  τ_syn_inh dI_inh/dt = −I_inh
        spikes on "exc" / "inh" add their weight to I_exc / I_inh (inhibitory weights negative)
        an optional independent Poisson drive adds drive_weight to I_exc per event at drive_rate Hz (NEST's poisson_generator on the exc synapse)
        V > v_thresh → spike, V ← v_reset, held for round(refractory/dt) steps while the currents decay
        """,
        """
        Exact (closed-form propagators of the linear system), per step, as LIF:
        V' = V∞ + (V − V∞)·a + I_exc·c_exc + I_inh·c_inh,  c_x = τ_x/(τ_x − τ_mem)·(e^(−dt/τ_x) − a),  a = e^(−dt/τ_mem),  V∞ = v_rest + bias + I_in.
        Drive events k ~ Poisson(drive_rate·dt) per neuron and step, from the stream of the neuron's 1,024-neuron block.
        """,
        [.. Membrane(CurrentBased), .. SynapseTaus("current"),
         P("drive_rate", "0", "Hz", "rate of the independent Poisson drive of each neuron (scalar, ≥ 0)"),
         P("drive_weight", "0", "V", "jump of I_exc per drive event (R·I volts)")],
        [Port("exc", "weighted spikes: a jump of I_exc"), Port("inh", "weighted spikes (negative weights): a jump of I_inh"), Current],
        [VMem, S("i_exc", "R·I volts", "excitatory current"), S("i_inh", "R·I volts", "inhibitory current"), Refractory]);

    public static readonly ModelDoc IafPscAlpha = new(
        Family,
        "Current-based LIF with alpha-shaped excitatory and inhibitory currents (NEST's iaf_psc_alpha).",
        """
        τ_mem dV/dt = −(V − v_rest) + I_exc + I_inh + bias + I_in(t)      (currents in volts, R·I)
        dI_x/dt = −I_x/τ_x + dI_x,  d(dI_x)/dt = −dI_x/τ_x      (x = exc, inh)
        a spike of weight w on port x adds w·e/τ_x to dI_x: alone it gives I_x(t) = w·(t/τ_x)·e^(1 − t/τ_x), peak w at t = τ_x
        V > v_thresh → spike, V ← v_reset, held for round(refractory/dt) steps while the currents evolve
        """,
        """
        Exact (NEST's closed-form propagators), per step h = dt, spikes of a step added to dI_x at its start:
        V' = V∞ + (V − V∞)·a + P31_x·dI_x + P32_x·I_x,  I_x' = (I_x + h·dI_x)·s_x,  dI_x' = dI_x·s_x,
        a = e^(−h/τ_mem), s_x = e^(−h/τ_x), V∞ = v_rest + bias + I_in, P32_x = τ_x/(τ_x − τ_mem)·(s_x − a),
        P31_x = (1/τ_mem)·[s_x·(h/k − 1/k²) + a/k²], k = 1/τ_mem − 1/τ_x (its series near k = 0).
        """,
        [.. Membrane(CurrentBased), .. SynapseTaus("current")],
        [Port("exc", "weighted spikes: a kick of dI_exc (peak current = weight)"), Port("inh", "weighted spikes (negative weights): a kick of dI_inh"), Current],
        [VMem, S("i_exc", "R·I volts", "excitatory current"), S("di_exc", "R·I volts/s", "its derivative"),
         S("i_inh", "R·I volts", "inhibitory current"), S("di_inh", "R·I volts/s", "its derivative"), Refractory]);

    public static readonly ModelDoc IafPscDelta = new(
        Family,
        "LIF with delta synapses: input spikes make the potential jump (NEST's iaf_psc_delta; Brunel 2000).",
        """
        τ_mem dV/dt = −(V − v_rest) + bias + I_in(t)
        a spike of weight J on "syn" makes V jump by J at the start of its step;
        an optional independent Poisson drive adds drive_weight per event at drive_rate Hz
        V ≥ v_thresh → spike, V ← v_reset; for round(refractory/dt) steps V is held and every input (spikes and drive) is discarded
        """,
        """
        Exact: V' = V∞ + (V − V∞)·e^(−dt/τ_mem) + jumps, V∞ = v_rest + bias + I_in. The drive is drawn every step,
        refractory or not, from the stream of each 1,024-neuron block.
        """,
        [.. Membrane(new MembraneDefaults(VThresh: 0.02, VReset: 0.0, VRest: 0.0, Refractory: 0.002)),
         P("drive_rate", "0", "Hz", "rate of the independent Poisson drive of each neuron (scalar, ≥ 0)"),
         P("drive_weight", "0", "V", "jump of V per drive event (scalar)")],
        [Port("syn", "weighted spikes: a jump of V by the weight"), Current],
        [VMem, Refractory]);

    public static readonly ModelDoc IafCondExp = new(
        Family,
        "Conductance-based LIF with exponential conductances (NEST's iaf_cond_exp; Brian's COBA).",
        """
        τ_mem dV/dt = −(V − v_rest) + g_exc·(e_rev_exc − V) + g_inh·(e_rev_inh − V) + bias + I_in(t)
        τ_syn_exc dg_exc/dt = −g_exc,  τ_syn_inh dg_inh/dt = −g_inh      (conductances in units of the leak)
        spikes on "exc" / "inh" add their (positive) weight to g_exc / g_inh
        V > v_thresh → spike, V ← v_reset, held round(refractory/dt) steps while the conductances decay
        """,
        """
        Exponential Euler for V: conductances frozen at their start-of-step value, g = 1 + g_exc + g_inh,
        V∞ = (v_rest + bias + I_in + g_exc·e_rev_exc + g_inh·e_rev_inh)/g, V' = V∞ + (V − V∞)·e^(−g·dt/τ_mem);
        exact decay for the conductances.
        """,
        [.. Membrane(new MembraneDefaults(VThresh: -0.05, VReset: -0.06, VRest: -0.06, Refractory: 0.005)),
         .. SynapseTaus("conductance"),
         P("e_rev_exc", "0", "V", "excitatory reversal potential (scalar)"),
         P("e_rev_inh", "-0.08", "V", "inhibitory reversal potential (scalar)"),
         .. Conductance("g_exc"), .. Conductance("g_inh")],
        [Port("exc", "weighted spikes (positive): a jump of g_exc"), Port("inh", "weighted spikes (positive): a jump of g_inh"), Current],
        [VMem, S("g_exc", "—", "excitatory conductance (units of the leak)"), S("g_inh", "—", "inhibitory conductance (units of the leak)"), Refractory]);

    private static ParameterDoc[] Conductance(string g) =>
    [
        P(g + "_init_values", "—", "—", $"every neuron's initial {g}"),
        P(g + "_init_mean", "0", "—", $"mean of a normal draw of the initial {g}"),
        P(g + "_init_std", "0", "—", "standard deviation of that draw"),
    ];

    private static string Number(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
