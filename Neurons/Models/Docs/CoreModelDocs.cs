using static EventSpike.Neurons.Models.Docs.SharedDocs;

namespace EventSpike.Neurons.Models.Docs;

/// <summary>The documentation of EventSpike's own models: <see cref="LifExpSyn"/> and <see cref="PoissonSource"/>.</summary>
internal static class CoreModelDocs
{
    public static readonly ModelDoc Lif = new(
        "EventSpike",
        "Leaky integrate-and-fire neurons with one exponential current synapse.",
        """
        τ_mem dV/dt = −(V − v_rest) + I_syn + bias + I_in(t)      (currents in volts, R·I)
        τ_syn dI_syn/dt = −I_syn
        a spike of weight w on "syn" adds w to I_syn; I_in arrives on "current"
        V > v_thresh → spike, V ← v_reset, held at v_reset for round(refractory/dt) steps while I_syn decays
        """,
        """
        Exact over each step (closed-form propagator). With V∞ = v_rest + bias + I_in, a = e^(−dt/τ_mem), s = e^(−dt/τ_syn):
        V(t+dt) = V∞ + (V − V∞)·a + I_syn·τ_syn/(τ_syn − τ_mem)·(s − a)   (τ_syn ≠ τ_mem; I_syn·(dt/τ_mem)·a when equal)
        I_syn(t+dt) = I_syn·s. Input spikes of step k are added to I_syn at its start; a spike found at its end is stamped (k+1)·dt.
        """,
        [
            P("tau_mem", "0.02", "s", "membrane time constant (> 0)"),
            P("tau_syn", "0.005", "s", "synaptic time constant (> 0)"),
            P("v_thresh", "-0.055", "V", "threshold"),
            P("v_reset", "-0.065", "V", "reset potential"),
            P("v_rest", "-0.065", "V", "resting potential"),
            P("bias", "0", "R·I volts", "constant input"),
            P("refractory", "0", "s", "refractory period (≥ 0)"),
            P("v_init", "v_rest", "V", "initial potential: a number, or [low, high] for a uniform draw per neuron"),
            P("v_init_values", "—", "V", "every neuron's initial potential (what ToDict writes back after a draw)"),
            P("v_init_mean", "v_init, else v_rest", "V", "mean of a normal draw of the initial potentials (a number v_init, else each neuron's v_rest, when absent)"),
            P("v_init_std", "0", "V", "standard deviation of that normal draw (given alone: around v_rest; not with a [low, high] v_init)"),
        ],
        [Port("syn", "weighted spikes: a jump of I_syn at the start of the step"), Port("current", "a continuous input I_in (R·I volts), held over the step")],
        [S("v_mem", "V", "membrane potential"), S("i_syn", "R·I volts", "synaptic current"), S("refractory_left", "steps", "steps left in the refractory period")]);

    public static readonly ModelDoc Poisson = new(
        "EventSpike",
        "Independent Poisson spike trains, one per neuron (a source).",
        """
        in each step neuron j emits k ~ Poisson(rate_j·dt) spikes (k > 1 repeats its index)
        """,
        """
        Drawn step by step, never ahead (a run's first t seconds do not depend on its duration), by inversion
        (one uniform per neuron and step; a Poisson draw when rate·dt ≥ 10), each block of 1,024 neurons from its own stream.
        """,
        [P("rate", "10", "Hz", "rate of each train (finite, ≥ 0; scalar or one per neuron)")],
        [],
        []);
}
