using static EventSpike.Neurons.Models.Docs.SharedDocs;

namespace EventSpike.Neurons.Models.Nir;

/// <summary>The documentation of the models a NIR graph maps onto (docs/nir.md says which node becomes which).</summary>
internal static class NirModelDocs
{
    private const string Family = "NIR";

    private static readonly ParameterDoc Shape = P("shape", "null", "—", "the NIR node's shape (its product is the size), kept for export; null: [size]");

    private static readonly ParameterDoc[] Membrane =
    [
        P("tau_mem", "0", "s", "membrane time constant (0: no leak, NIR's IF and I)"),
        P("tau_syn", "0", "s", "synaptic time constant (0: no synapse, the input drives v directly)"),
        P("r", "1", "—", "resistance r"),
        P("v_leak", "0", "—", "leak (resting) potential"),
        P("w_in", "1", "—", "input weight of the synapse (NIR's w_in)"),
        P("bias", "0", "—", "constant input added to u (a folded Affine bias)"),
        P("v_init", "0", "—", "potential at the start (NIR does not say; 0 as snnTorch, Sinabs and Rockpool start)"),
        P("method", "\"exact\"", "—", "\"exact\" (zero-order hold) or \"euler\" (forward Euler, as Norse and snnTorch)"),
        P("spikes", "\"value\"", "—", "a spike adds 1 to u over its step (\"value\", Norse/snnTorch) or 1/dt (\"delta\": a Dirac of area 1, as Sinabs' IAF)"),
    ];

    private const string MembraneEquations = """
        u = what the node's edges carry in a step (a spike counts 1 during its step, or 1/dt with spikes "delta", times its edge's weight)
        τ_syn dI/dt = −I + w_in·(u + bias)      (τ_syn = 0: I = w_in·(u + bias))
        τ_mem dv/dt = (v_leak − v) + r·I         (τ_mem = 0: dv/dt = r·I)
        """;

    private const string MembraneIntegration = """
        "exact": zero-order hold, exact for u held over the step. a = e^(−dt/τ_mem), s = e^(−dt/τ_syn), I∞ = w_in·(u + bias), v∞ = v_leak + r·I∞:
        I' = I∞ + (I − I∞)·s;  v' = v∞ + (v − v∞)·a + r·(I − I∞)·τ_syn/(τ_syn − τ_mem)·(s − a)  ((dt/τ_mem)·a when τ_syn = τ_mem)
        no leak: v' = v + r·(I∞·dt + (I − I∞)·τ_syn·(1 − s)).
        "euler": I' = I + dt/τ_syn·(I∞ − I); v' = v + dt/τ_mem·(v_leak − v + r·I') (no leak: v' = v + dt·r·I').
        """;

    private static readonly PortDoc[] Ports =
    [
        Port("spikes", "weighted spikes: the sum of a step's weights is u over that step"),
        Port("current", "a continuous input added to u, held over the step"),
    ];

    public static readonly ModelDoc Neuron = new(
        Family,
        "NIR's spiking neurons: LIF (tau_syn 0), CubaLIF, IF (tau_mem 0), with a chosen reset.",
        MembraneEquations + "\nv > v_threshold at the end of a step → spike; reset \"zero\": v ← v_reset; \"subtract\": v ← v − (v_threshold − v_reset)",
        MembraneIntegration + "\nThe threshold is tested at the end of step k; its spike is stamped (k+1)·dt.",
        [.. Membrane, Shape, P("v_threshold", "1", "—", "firing threshold"), P("v_reset", "0", "—", "reset potential"),
         P("reset", "\"zero\"", "—", "\"zero\" (to v_reset, NIR's definition) or \"subtract\" (by v_threshold − v_reset)")],
        Ports,
        [S("v", "—", "membrane potential"), S("i", "—", "synaptic current")]);

    public static readonly ModelDoc Integrator = new(
        Family,
        "NIR's non-spiking integrators: LI (tau_syn 0), CubaLI, I (tau_mem 0); the output is v.",
        MembraneEquations,
        MembraneIntegration + "\nThe output of step k is v at its end.",
        [.. Membrane, Shape],
        Ports,
        [S("v", "—", "potential (the output)"), S("i", "—", "synaptic current")]);

    public static readonly ModelDoc Threshold = new(
        Family,
        "NIR's Threshold: a spike in each step whose input exceeds the threshold.",
        "z = H(u + bias − threshold)",
        "None (no state); a spike of step k is stamped (k+1)·dt.",
        [P("threshold", "0", "—", "threshold"), P("bias", "0", "—", "constant input (a folded Affine bias)"), Shape],
        Ports,
        []);

    public static readonly ModelDoc Output = new(
        Family,
        "NIR's Output node: what the graph hands out, as a continuous signal.",
        "y = u + bias",
        "None (no state); the output of step k is that step's input.",
        [P("bias", "0", "—", "constant input (a folded Affine bias)"), Shape],
        Ports,
        []);

    public static readonly ModelDoc Input = new(
        Family,
        "NIR's Input node: a source silent by itself; --input NAME=FILE replaces it with the file's events or samples.",
        "none (an unfed NIR input is zero)",
        "None.",
        [Shape],
        [],
        []);
}
