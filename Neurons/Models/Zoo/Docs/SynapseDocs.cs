using static EventSpike.Neurons.Models.Docs.SharedDocs;

namespace EventSpike.Neurons.Models.Zoo.Docs;

/// <summary>
/// The documentation of Rockpool's readouts and pass-throughs: <see cref="FFExpSyn"/> (and its aliases),
/// <see cref="PassThrough"/>, <see cref="PassThroughEvents"/>, <see cref="SoftMaxLayer"/>.
/// </summary>
internal static class SynapseDocs
{
    public static readonly ModelDoc FFExpSyn = new(
        "Rockpool readout",
        "Rockpool's exponential-synapse readout: input spikes through W into exponential synapses; output the current plus a bias.",
        """
        τ_syn dI/dt = −I,  I += S_in·W on input spikes
        out = I + bias
        """,
        """
        Exact decay. Step k: I_k = e^(−dt/τ_syn)·I_{k−1} + S_in,k·W + σ·√(2dt/τ_syn)·ξ_k; the output of step k (time (k+1)·dt) is I_k + bias.
        The state carries over between evolve calls (Rockpool drops it on each call's first sample).
        """,
        [
            Name,
            P("weights", "identity", "—", "W, M×N [pre][post], or an integer n for the n×n identity (absent or null: the size×size identity)"),
            P("bias", "0", "—", "output bias"),
            P("tau_syn", "0.005", "s", "synaptic time constants (> 0)"),
            P("noise_std", "0", "—", "σ of the synaptic noise"),
            P("add_events", "true", "—", "false: a channel counts at most one event per step"),
            P("max_num_timesteps", "5000", "—", "Rockpool's evolve chunk length, kept for to_dict"),
            P("integrator_name", "—", "—", "Brian's integrator name, kept for to_dict when given"),
        ],
        [SpikesIn],
        [S("i_syn", "—", "synaptic current (without the bias)")]);

    public static readonly ModelDoc PassThrough = new(
        "Rockpool pass-through",
        "Rockpool's weighted, biased, optionally noisy copy of a continuous input, delayed by a whole number of steps.",
        """
        y_k = x_k·W + b + σ·ξ_k  (σ per step, unscaled)
        out_k = y_{k−D}, D = round(delay/dt); 0 for k < D
        """,
        "None needed: a delay line of D steps.",
        [
            Name,
            P("weights", ParameterDoc.Required, "—", "W, M×N [pre][post]; N is the size"),
            P("bias", "0", "—", "bias b"),
            P("noise_std", "0", "—", "σ of the noise added each step"),
            P("delay", "0", "s", "delay, rounded to whole steps"),
        ],
        [CurrentIn],
        [S("buffer", "—", "the D pending values, oldest first (D·N values)")]);

    public static readonly ModelDoc PassThroughEvents = new(
        "Rockpool pass-through",
        "Rockpool's event copier: each input event on channel i becomes W[i, j] events on output channel j.",
        "out_j = Σ_i round(S_in,i)·W[i, j] events per step (W whole numbers ≥ 0)",
        "None needed: no state, no delay; an event entering step k leaves stamped (k+1)·dt, ordered by channel.",
        [
            Name,
            P("weights", ParameterDoc.Required, "—", "W, M×N of whole numbers ≥ 0 (event copies)"),
            P("noise_std", "null", "—", "accepted and unused, as in Rockpool"),
        ],
        [SpikesIn],
        []);

    public static readonly ModelDoc SoftMaxLayer = new(
        "Rockpool readout",
        "Rockpool's softmax readout: input spikes integrated through W without leak, output the softmax of the integral.",
        "V_k = V_{k−1} + S_in,k·W;  out_k = softmax(V_k)",
        "Exact (a running sum); the output is continuous.",
        [
            Name,
            P("weights", ParameterDoc.Required, "—", "W, M×N [pre][post]; N is the size"),
            P("thresh", "1e10", "—", "stored and unused, as in Rockpool"),
        ],
        [SpikesIn],
        [S("v_mem", "—", "the integrated input (initially 0)")]);
}
