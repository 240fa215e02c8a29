using static EventSpike.Neurons.Models.Docs.SharedDocs;

namespace EventSpike.Neurons.Models.Zoo.Docs;

/// <summary>
/// The documentation of Rockpool's NEST layers run without NEST (<see cref="NestIaf"/>: FFIAFNest,
/// RecIAFSpkInNest, RecAEIFSpkInNest) and of the Denève reservoir <see cref="RecFSSpikeEulerBT"/>.
/// </summary>
internal static class NestZooDocs
{
    /// <param name="currentInput">FFIAFNest: current input through <c>weights</c>; else spikes through <c>weights_in</c> and recurrence.</param>
    /// <param name="adaptive">RecAEIFSpkInNest: NEST's aeif_psc_exp.</param>
    public static ModelDoc NestIaf(bool currentInput, bool adaptive)
    {
        var parameters = Parameters(currentInput, adaptive);
        var model = adaptive ? "aeif_psc_exp (adaptive exponential IAF)" : "iaf_psc_exp";
        return new ModelDoc(
            "Rockpool NEST",
            $"Rockpool's NEST layer without NEST: {model}, {(currentInput ? "current input through weights" : "spike input and recurrent weights")}.",
            """
            C dV/dt = −g_L(V − E_L) + g_L·Δ_T·exp((V − V_T)/Δ_T) + I_ex + I_in + I_e + I_stim − w   (V on the right taken as min(V, V_peak))
            τ_w dw/dt = a(V − E_L) − w
            τ_ex dI_ex/dt = −I_ex,  τ_in dI_in/dt = −I_in  (positive weights → I_ex, negative → I_in)
            V ≥ V_peak → spike, V ← V_reset, w ← w + b; V held at V_reset while refractory
            V_peak = V_T + 10 mV when Δ_T ≠ 0, else V_T
            """ + (adaptive ? "" : "\niaf_psc_exp: Δ_T = 0, a = b = 0"),
            """
            Classical RK4 for (V, w) on substeps of at most 10 µs, the synaptic currents exactly (e^(−t/τ) at the RK stages); a spike is
            detected at the end of a substep. Input of step k acts in step k; a spike of step k is stamped (k+1)·dt and reaches the
            recurrent synapses max(1, round(delay_rec/dt)) steps later; after a spike the neuron is held for the rest of its step and
            round(refractory/dt) more.
            """,
            parameters,
            [currentInput ? CurrentIn : SpikesIn],
            [S("v_mem", "V", "membrane potential (initially v_rest)"), S("i_syn_exc", "A", "excitatory synaptic current"),
             S("i_syn_inh", "A", "inhibitory synaptic current"), S("w", "A", "adaptation current (0 for the iaf layers)"),
             S("refractory_left", "steps", "whole steps of refractoriness left after the current one")]);
    }

    /// <summary>The parameters NestIaf reads for a variant, in the order it reads them.</summary>
    private static List<ParameterDoc> Parameters(bool currentInput, bool adaptive)
    {
        var parameters = new List<ParameterDoc> { Name };
        if (currentInput) parameters.Add(P("weights", ParameterDoc.Required, "nA", "input weights, M×N [pre][post]; N is the size"));
        else
        {
            parameters.Add(P("weights_in", ParameterDoc.Required, "nA", "input weights, M×N (positive → I_ex, negative → I_in)"));
            parameters.Add(P("weights_rec", ParameterDoc.Required, "nA", "recurrent weights, N×N"));
        }
        parameters.AddRange(
        [
            P("bias", "0", "nA", "constant current I_e"),
            P("tau_mem", "0.02", "s", "membrane time constant"),
            P("v_thresh", "-0.055", "V", "threshold V_T"),
            P("v_reset", "-0.065", "V", "reset potential"),
            P("v_rest", "-0.065", "V", "resting potential E_L (also the initial V)"),
            P("refractory", "0.001", "s", "refractory period (rounded to steps)"),
            P("record", "false", "—", "Rockpool's recording flag, kept for to_dict"),
            P("num_cores", "1", "—", "NEST's thread count, kept for to_dict"),
        ]);
        if (!currentInput)
            parameters.AddRange(
            [
                P("delay_in", "0.0001", "s", "input delay (adds max(0, round(delay_in/dt) − 1) steps)"),
                P("delay_rec", "0.0001", "s", "recurrent delay (max(1, round(delay_rec/dt)) steps)"),
                P("tau_syn", "0.05", "s", "synaptic time constant of both currents (null: give both below)"),
                P("tau_syn_exc", "null", "s", "excitatory synaptic time constant (null: tau_syn)"),
                P("tau_syn_inh", "null", "s", "inhibitory synaptic time constant (null: tau_syn)"),
            ]);
        parameters.Add(P("capacity", "null", "nF", adaptive ? "membrane capacity C (null: conductance·tau_mem)" : "membrane capacity C (null: tau_mem·1 nS)"));
        if (adaptive)
            parameters.AddRange(
            [
                P("conductance", "1", "nS", "leak conductance g_L (null: capacity/tau_mem)"),
                P("subthresh_adapt", "4", "nS", "subthreshold adaptation a"),
                P("spike_adapt", "80.5", "pA", "spike-triggered adaptation b"),
                P("delta_t", "0.002", "V", "slope factor Δ_T (≥ 0; 0: no exponential term)"),
                P("tau_adapt", "0.144", "s", "adaptation time constant τ_w"),
            ]);
        return parameters;
    }

    public static readonly ModelDoc RecFSSpikeEulerBT = new(
        "Rockpool Denève",
        "Rockpool's Denève tight E/I balance reservoir: LIF neurons with fast and slow recurrent current synapses and a precise-time spike solver.",
        """
        τ_mem dV/dt = v_rest − V + I_S + I_F + I_ext(t) + b + σ·ξ      (currents in volts, R·I)
        τ_syn_r_slow dI_S/dt = −I_S,  τ_syn_r_fast dI_F/dt = −I_F
        V > v_thresh → spike of j at its interpolated crossing time; V_j ← v_reset, refractory for `refractory` s;
          I_S += W_slow[:, j], I_F += W_fast[:, j]   (W is [post, pre])
        """,
        """
        Forward Euler with back-step to the spike time, inside each step: an Euler step to the step's end; the earliest crossing
        δ = max(min_j δ_j, dt/10) is accepted, every state rewound to it, the neuron reset and its columns added, and integration
        resumes from there; several neurons may fire within one dt, each at its own time. Spikes are stamped (k+1)·dt.
        """,
        [
            Name,
            P("weights_fast", ParameterDoc.Required, "R·I volts", "fast recurrent weights, N×N [post][pre]; N is the size"),
            P("weights_slow", ParameterDoc.Required, "R·I volts", "slow recurrent weights, N×N [post][pre]"),
            P("bias", "0", "R·I volts", "constant input b"),
            P("noise_std", "0", "R·I volts", "σ of the noise, one draw per neuron and step"),
            P("tau_mem", "0.02", "s", "membrane time constant"),
            P("tau_syn_r_fast", "0.001", "s", "fast synaptic time constant"),
            P("tau_syn_r_slow", "0.1", "s", "slow synaptic time constant"),
            P("v_thresh", "-0.055", "V", "threshold"),
            P("v_reset", "-0.065", "V", "reset potential"),
            P("v_rest", "-0.065", "V", "resting potential (also the initial V)"),
            P("refractory", "-2.220446049250313e-16", "s", "refractory period (Rockpool's −eps: none)"),
        ],
        [Port("input", "a continuous input I_ext onto the membrane, one channel per neuron (no input weights)")],
        [S("v_mem", "V", "membrane potential (initially v_rest)"), S("i_syn_slow", "R·I volts", "slow synaptic current"),
         S("i_syn_fast", "R·I volts", "fast synaptic current"), S("refractory_left", "s", "refractory time left (≤ 0: free)")]);
}
