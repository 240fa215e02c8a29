using static EventSpike.Neurons.Models.Docs.SharedDocs;

namespace EventSpike.Neurons.Models.Zoo.Docs;

/// <summary>The documentation of Rockpool's JAX LIF layers (<see cref="RecLifJax"/>): RecLIFJax, RecLIFCurrentInJax and their _IO forms.</summary>
internal static class JaxLifDocs
{
    /// <param name="spikeInput">Spikes into the synapse (RecLIFJax) or currents onto the membrane (RecLIFCurrentInJax).</param>
    /// <param name="io">The _IO form: input weights w_in, continuous output through w_out.</param>
    public static ModelDoc For(bool spikeInput, bool io)
    {
        var input = spikeInput ? "spikes S_in into the synapse" : "currents I_in onto the membrane";
        var summary = $"Rockpool's recurrent JAX LIF layer, dimensionless (rest 0, threshold 0, subtractive reset by 1): {input}" +
                      (io ? ", input weights w_in and a continuous output through w_out." : ", spikes out.");
        var weights = new List<ParameterDoc>();
        if (io) weights.Add(P("w_in", ParameterDoc.Required, "—", "input weights, M×N [pre][post]"));
        weights.Add(P("w_recurrent", ParameterDoc.Required, "—", "recurrent weights, N×N [pre][post]; sets N"));
        if (io) weights.Add(P("w_out", ParameterDoc.Required, "—", "output weights, N×O; O is the layer's size"));
        return new ModelDoc(
            "Rockpool JAX LIF",
            summary,
            """
            τ_syn dI_syn/dt = −I_syn,  I_syn += S_in·W_in + S_rec·W_rec on spikes
            τ_mem dV/dt = −V + I_syn + I_in·W_in + b + σζ(t)
            V ≥ 0 → ⌊V + 1⌋ spikes, V −= spikes (one step late)
            """ + (io ? "\noutput O = sig(V)·W_out, sig(V) = 1/(1 + e^(−V))" : ""),
            """
            Rockpool's discrete update: exponential for I_syn, forward Euler for V; β = e^(−dt/τ_syn), α = dt/τ_mem, S_{k−1} last step's spike counts:
            I_syn ← β·I_syn + S_in,k·W_in + S_{k−1}·W_rec;  V ← V − S_{k−1};  V ← V + α·(I_syn + I_in,k·W_in + σ·ξ_k + b − V), ξ_k ~ N(0, 1);
            S_k = max(0, ⌊V + 1⌋). τ_mem and τ_syn must be at least 10·dt. Spikes of step k are stamped (k+1)·dt.
            """,
            [
                Name,
                .. weights,
                P("tau_mem", ParameterDoc.Required, "s", "membrane time constants (≥ 10·dt; scalar or one per neuron)"),
                P("tau_syn", ParameterDoc.Required, "s", "synaptic time constants (≥ 10·dt)"),
                P("bias", "-1", "—", "bias b (also the initial V)"),
                P("noise_std", "0", "—", "σ, noise added to the membrane input each step"),
                P("rng_key", "—", "—", "JAX's random key, kept for to_dict (draws come from the layer's own streams)"),
            ],
            [spikeInput ? SpikesIn : CurrentIn],
            [S("Vmem", "—", "membrane potential (initially the bias)"), S("Isyn", "—", "synaptic current"), S("spikes", "—", "spike counts of the last step (S_{k−1})")]);
    }
}
