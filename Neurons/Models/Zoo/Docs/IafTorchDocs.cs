using static EventSpike.Neurons.Models.Docs.SharedDocs;

namespace EventSpike.Neurons.Models.Zoo.Docs;

/// <summary>The documentation of Rockpool's Torch and Brian IAF family (<see cref="IafTorch"/>), one per <see cref="IafTorchVariant"/>.</summary>
internal static class IafTorchDocs
{
    public static ModelDoc For(IafTorchVariant v)
    {
        var parameters = new List<ParameterDoc> { Name };
        if (v.Recurrent && !v.SpikeInput) parameters.Add(P("weights", ParameterDoc.Required, "—", "recurrent weights W_rec, N×N (the input feeds the N neurons directly)"));
        else if (v.Recurrent)
        {
            parameters.Add(P("weights_in", ParameterDoc.Required, "R·I volts", "input weights W_in, M×N [pre][post]"));
            parameters.Add(P("weights_rec", ParameterDoc.Required, "R·I volts", "recurrent weights W_rec, N×N"));
        }
        else parameters.Add(P("weights", ParameterDoc.Required, v.SpikeInput ? "R·I volts" : "—", "input weights W, M×N [pre][post]; N is the size"));
        parameters.Add(P("bias", Number(v.BiasDefault), "R·I volts", "constant input b" + (v.ConstantLeak ? " (unused by the constant-leak loop)" : "")));
        parameters.Add(P("tau_mem", "0.02", "s", "membrane time constant"));
        parameters.Add(P("v_thresh", "-0.055", "V", "threshold"));
        parameters.Add(P("v_reset", "-0.065", "V", "reset potential (also the initial V)"));
        parameters.Add(P("v_rest", "-0.065", "V", v.ConstantLeak ? "the potential the leak drives V to (null: the leak always lowers V)" : "resting potential"));
        if (!v.ConstantLeak) parameters.Add(P("noise_std", "0", "R·I volts", "σ of the membrane noise"));
        if (v.Refractory) parameters.Add(P("refractory", "0", "s", "refractory period"));
        if (v.SpikeInput)
            parameters.Add(v.Recurrent ? P("tau_syn_inp", "0.05", "s", "input synapse time constant") : P("tau_syn", "0.02", "s", "input synapse time constant"));
        if (v.Recurrent)
            parameters.Add(v.SpikeInput ? P("tau_syn_rec", "0.05", "s", "recurrent synapse time constant") : P("tau_syn_r", "0.05", "s", "recurrent synapse time constant"));
        if (v.SpikeInput && v.Recurrent) parameters.Add(P("add_events", "true", "—", "false: a channel counts at most one input event per step"));
        if (v.ConstantLeak)
        {
            parameters.Add(P("leak_rate", "0.02", "V/s", "constant leak rate"));
            parameters.Add(P("state_min", "-0.085", "V", "lower bound of V (null: none)"));
        }
        parameters.Add(P("record", "false", "—", "Rockpool's recording flag, kept for to_dict (probes record here)"));
        parameters.Add(P("max_num_timesteps", "400", "—", "Rockpool's evolve chunk length, kept for to_dict"));
        if (v.Brian) parameters.Add(P("integrator_name", "\"rk4\"", "—", "Brian's integrator, kept for to_dict (the update below is used)"));
        return new ModelDoc("Rockpool Torch/Brian IAF", Summary(v), Equations(v), Integration(v), parameters,
            [v.SpikeInput ? SpikesIn : CurrentIn],
            [S("v_mem", "V", "membrane potential (initially v_reset)"), S("i_syn_inp", "R·I volts", "input synaptic current (spike input)"),
             S("i_syn_rec", "R·I volts", "recurrent synaptic current"), S("refractory_left", "steps", "steps left in the refractory period")]);
    }

    private static string Summary(IafTorchVariant v) =>
        $"Rockpool's {(v.Recurrent ? "recurrent" : "feed-forward")} integrate-and-fire layer, {(v.SpikeInput ? "spike" : "current")} input" +
        (v.Refractory ? ", refractory" : "") + (v.ConstantLeak ? ", constant leak" : "") + (v.Brian ? " (a deprecated Brian name, same dynamics)" : "") + ".";

    private static string Equations(IafTorchVariant v)
    {
        var lines = new List<string>
        {
            v.ConstantLeak
                ? "dV/dt = (I(t) + leak_rate·dt·sgn(v_rest − V))/τ_mem, then V ← max(V, state_min)      (currents in volts, R·I)"
                : "τ_mem dV/dt = v_rest − V + I(t) + b + noise      (currents in volts, R·I)",
            "V > v_thresh → spike, V ← v_reset" + (v.Refractory ? ", then V held for round(refractory/dt) steps" : ""),
        };
        if (v.SpikeInput) lines.Add("input: I_inp jumps by S_in·W_in and decays with τ_syn");
        else lines.Add(v.Recurrent ? "input: the continuous input x itself, one channel per neuron" : "input: I = x·W");
        if (v.Recurrent) lines.Add("recurrent: I_rec jumps by S·W_rec one step after the spikes and decays with its τ");
        return string.Join("\n", lines);
    }

    private static string Integration(IafTorchVariant v) =>
        "Rockpool's discrete update: forward Euler for V (α = dt/τ_mem), exact decay for the synapses. Step k:\n" +
        (v.SpikeInput ? "I_inp,k = e^(−dt/τ_syn)·I_inp,k−1 + S_in,k·W_in (an input spike counts in its own step)\n" : "") +
        (v.Recurrent ? "I_rec,k = e^(−dt/τ_rec)·I_rec,k−1 + S_{k−1}·W_rec\n" : "") +
        (v.ConstantLeak
            ? "free neurons: V ← V + α·(I_k + leak_rate·dt·sgn(v_rest − V)) (v_rest null: −leak_rate·dt), V ← max(V, state_min)\n"
            : "free neurons: V ← V + α·(I_k + σ·√(2τ_mem/dt)·1.63·ξ_k + v_rest + b − V)\n") +
        "V > v_thresh → spike, V ← v_reset. Spikes of step k are stamped (k+1)·dt.";

    private static string Number(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
