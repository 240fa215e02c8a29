using static EventSpike.Neurons.Models.Docs.SharedDocs;

namespace EventSpike.Neurons.Models.Zoo.Docs;

/// <summary>The documentation of Rockpool's rate layers: <see cref="FFRateEuler"/>, <see cref="RecRateEuler"/>, <see cref="RecRateEulerJax"/>.</summary>
internal static class RateDocs
{
    private const string Activations = "H by name: relu (re_lu, H_ReLU), tanh (H_tanh), sigmoid, linear, leaky_relu";

    private static readonly StateDoc X = S("x", "—", "the neurons' state (initially 0)");

    public static readonly ModelDoc FFRateEuler = new(
        "Rockpool rate",
        "Rockpool's feed-forward rate neurons; output H(x + b), a continuous signal.",
        """
        τ dx/dt = −x + g⊙(I(t)·W) + σζ(t)
        output o = H(x + b)
        """,
        """
        Forward Euler as Rockpool, α = dt/τ: x_{k+1} = x_k + α⊙(−x_k + g⊙(I_k·W) + ξ_k), ξ_k ~ N(0, σ²·2/α);
        the output of step k (time (k+1)·dt) is H(x_{k+1} + b).
        """,
        [
            Name,
            P("weights", ParameterDoc.Required, "—", "input weights W, M×N [pre][post]; N is the size"),
            P("noise_std", "0", "—", "σ of the input noise"),
            P("activation_func", "\"relu\"", "—", Activations),
            P("tau", "10", "s", "time constants (> 0)"),
            P("gain", "1", "—", "input gains g"),
            P("bias", "0", "—", "bias b inside H"),
        ],
        [CurrentIn],
        [X]);

    public static readonly ModelDoc RecRateEuler = new(
        "Rockpool rate",
        "Rockpool's recurrent rate neurons; the input feeds the N neurons directly; output H(x + b).",
        """
        τ dx/dt = −x + H(x + b)·W + I(t) + σζ(t)
        output a = H(x + b)
        """,
        """
        Forward Euler as Rockpool: a_k = H(x_k + b); x_{k+1} = x_k + (dt/τ)⊙(−x_k + I_k + ξ_k + a_k·W), ξ_k ~ N(0, σ²·2τ/dt);
        the output of step k is H(x_{k+1} + b). dt must be at most min(τ)/10.
        """,
        [
            Name,
            P("weights", ParameterDoc.Required, "—", "recurrent weights W, N×N"),
            P("bias", "0", "—", "bias b inside H"),
            P("tau", "1", "s", "time constants (> 0, ≥ 10·dt)"),
            P("activation_func", "\"relu\"", "—", Activations),
            P("noise_std", "0", "—", "σ of the input noise"),
        ],
        [CurrentIn],
        [X]);

    /// <param name="force">ForceRateEulerJax: no recurrence; a forcing signal on a second port takes its place.</param>
    public static ModelDoc RecRateEulerJax(bool force)
    {
        var weights = new List<ParameterDoc> { P("w_in", ParameterDoc.Required, "—", "input weights W_in, M×N") };
        if (!force) weights.Add(P("w_recurrent", ParameterDoc.Required, "—", "recurrent weights W_rec, N×N"));
        weights.Add(P("w_out", ParameterDoc.Required, "—", "output weights W_out, N×O; O is the size"));
        var drive = force ? "F(t)" : "H(x)·W_rec";
        return new ModelDoc(
            "Rockpool JAX rate",
            force
                ? "Rockpool's JAX rate reservoir driven by a forcing signal instead of recurrence (forward dynamics only)."
                : "Rockpool's JAX recurrent rate reservoir with input and output weights (forward dynamics only).",
            $"τ dx/dt = −x + I(t)·W_in + b + σζ(t) + {drive}\noutput O = H(x)·W_out",
            $"Forward Euler as Rockpool: x_{{k+1}} = x_k + (dt/τ)⊙(−x_k + I_k·W_in + b + ξ_k + {(force ? "F_k" : "H(x_k)·W_rec")}), ξ_k ~ N(0, σ²);\n" +
            "the output of step k (time (k+1)·dt) is H(x_{k+1})·W_out.",
            [
                Name,
                .. weights,
                P("tau", ParameterDoc.Required, "s", "time constants (> 0)"),
                P("bias", ParameterDoc.Required, "—", "bias b"),
                P("noise_std", "0", "—", "σ of the noise"),
                P("activation_func", "\"H_ReLU\"", "—", Activations),
                P("rng_key", "—", "—", "JAX's random key, kept for to_dict"),
            ],
            force ? [CurrentIn, Port("force", "the forcing signal F, one channel per neuron")] : [CurrentIn],
            [X]);
    }
}
