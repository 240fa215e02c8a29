using static EventSpike.Neurons.Models.Docs.SharedDocs;

namespace EventSpike.Neurons.Models.Zoo.Docs;

/// <summary>
/// The documentation of Rockpool's digital and event layers: <see cref="FFCLIAF"/>, <see cref="RecCLIAF"/>,
/// <see cref="RecDIAF"/> and the <see cref="FFUpDown"/> delta modulator.
/// </summary>
internal static class DigitalDocs
{
    private const string Family = "Rockpool digital IAF";

    private const string StateTypes = "float, float64, float32, int8, int16, int32, int64 (int), uint8, uint16; clipped then cast";

    private static ParameterDoc[] Thresholds(string threshDefault) =>
    [
        P("v_thresh", threshDefault, "—", "threshold"),
        P("v_reset", "0", "—", "reset value (also the initial V)"),
    ];

    public static readonly ModelDoc FFCLIAF = new(
        Family,
        "Rockpool's clocked feed-forward integrate-and-fire with a constant leak (a negative bias each step); no refractoriness.",
        """
        V ← V + S_in,k·W + b
        with v_subtract: while V ≥ v_thresh: V ← V − v_subtract, one spike (several per step possible)
        without (v_subtract null): V ≥ v_thresh → one spike, V ← v_reset
        """,
        "Clocked, one update per step. The state is cast to float32 once at construction and reset, then computed in float64.",
        [
            Name,
            P("weights", ParameterDoc.Required, "—", "W, M×N [pre][post]; N is the size"),
            P("bias", "0", "—", "added every step (negative: the leak)"),
            .. Thresholds("8"),
            P("v_subtract", "8", "—", "subtracted per spike (> 0; null: reset to v_reset instead)"),
            P("monitor_id", "—", "—", "Rockpool's monitored neurons, kept for to_dict"),
        ],
        [SpikesIn],
        [S("v_mem", "—", "membrane state (initially v_reset)")]);

    public static readonly ModelDoc RecCLIAF = new(
        Family,
        "Rockpool's clocked recurrent integrate-and-fire with constant leak, a delay FIFO for recurrent spikes, a bias period, refractoriness and a saturating state type.",
        """
        u = S_in,k·W_in + Q.pop()·W_rec + [bias step]·b;  refractory neurons get u = 0
        V ← cast(clip(V + u))  (state_type)
        v_subtract, no refractoriness: while V ≥ v_thresh: V −= v_subtract, one spike each
        v_subtract, refractoriness: V ≥ v_thresh → V −= v_subtract, one spike
        v_subtract null: V ≥ v_thresh → V ← v_reset, one spike
        spiking neurons are held R = round(refractory/dt) steps; the spike counts are pushed onto Q
        """,
        "Clocked, one update per step k. Q holds max(1, ⌊delay/dt⌋) steps (delay null: 1); the bias is added when (k + 1) is a multiple of ⌊tTauBias/dt⌋ (null: every step).",
        [
            Name,
            P("weights_in", ParameterDoc.Required, "—", "W_in, M×N [pre][post]"),
            P("weights_rec", ParameterDoc.Required, "—", "W_rec, N×N; N is the size"),
            P("bias", "0", "—", "added every bias step (negative: the leak)"),
            .. Thresholds("8"),
            P("v_subtract", "8", "—", "subtracted per spike (> 0; null: reset to v_reset instead)"),
            P("refractory", "0", "s", "refractory period (rounded to steps; null: 0)"),
            P("delay", "null", "s", "delay of recurrent spikes (floored to steps, at least 1)"),
            P("tTauBias", "null", "s", "period of the bias (floored to steps; null: every step)"),
            P("state_type", "\"float\"", "—", StateTypes),
            P("monitor_id", "—", "—", "Rockpool's monitored neurons, kept for to_dict"),
        ],
        [SpikesIn],
        [S("v_mem", "—", "membrane state (initially cast(v_reset))"), S("refractory_left", "steps", "steps left in the refractory period"),
         S("queue", "spikes", "the recurrent delay FIFO, oldest slot first, N values per slot")]);

    public static readonly ModelDoc RecDIAF = new(
        Family,
        "Rockpool's digital integrate-and-fire layer, event-driven inside each step (inputs, recurrent spikes and leak events in time order).",
        """
        each event in time order: ΔV = W_in[i] (input i), W_rec[n] (spike of neuron n, `delay` after it),
          −leak (leak event; with v_rest: −leak·sgn(V − v_rest)), or 0 (wake-up)
        refractory neurons ignore it; V ← cast(clip(V + ΔV))  (state_type)
        V ≥ v_thresh → spike at the event time: V ← V − v_subtract (still above: wake-up at t + refractory + 1e-9) or V ← v_reset;
          refractory until t + refractory; the spike is queued for t + delay on its recurrent channel
        leak events at every positive multiple of tau_leak
        """,
        "Event-driven: step k processes the queued events with time in [k·dt, (k+1)·dt), including those its own spikes create; input events of step k enter at k·dt; spikes are stamped (k+1)·dt.",
        [
            Name,
            P("weights_in", ParameterDoc.Required, "—", "W_in, M×N [pre][post]"),
            P("weights_rec", ParameterDoc.Required, "—", "W_rec, N×N; N is the size"),
            P("delay", "1e-8", "s", "delay of recurrent spikes (> 0)"),
            P("tau_leak", "0.001", "s", "period of the leak events (> 0)"),
            P("refractory", "1e-9", "s", "refractory period (at least 1e-9)"),
            P("v_thresh", "100", "—", "threshold"),
            P("v_reset", "0", "—", "reset value (also the initial V)"),
            P("v_rest", "null", "—", "the value the leak drives V to (null: the leak always lowers V)"),
            P("leak", "1", "—", "size of one leak event"),
            P("v_subtract", "null", "—", "subtracted per spike (> 0; null: reset to v_reset instead)"),
            P("state_type", "\"int8\"", "—", StateTypes),
            P("monitor_id", "—", "—", "Rockpool's monitored neurons, kept for to_dict"),
        ],
        [SpikesIn],
        [S("v_mem", "—", "membrane state (initially cast(v_reset))"), S("refractory_until", "s", "time at which each neuron's refractory period ends")]);

    public static readonly ModelDoc FFUpDown = new(
        "Rockpool event encoder",
        "Rockpool's delta modulator: each continuous input channel is tracked by a state; changes larger than a threshold become up and down spikes.",
        """
        s ← s·(1 − dt/τ_decay)   (no decay when tau_decay is null)
        multiplexed:     n_up = max(0, ⌊(x − s)/θ_up⌋),  n_down = max(0, ⌊(s − x)/θ_down⌋)
        not multiplexed: n_up = [x > s + θ_up],  n_down = [x < s − θ_down]
        s ← s + θ_up·n_up − θ_down·n_down   (s initially the channel's first sample)
        """,
        "Clocked, one update per step; each spike repeated repeat_output times and dealt round-robin over the n channels of its input and polarity (size = 2·n·M). Spikes of step k are stamped (k+1)·dt.",
        [
            Name,
            P("weights", ParameterDoc.Required, "—", "M (input channels) or [M, n] (n output channels per polarity); the matrix form is not supported"),
            P("repeat_output", "1", "—", "copies of each spike (≥ 1)"),
            P("tau_decay", "null", "s", "decay time constant of the state (≥ dt; null: no decay)"),
            P("noise_std", "0", "—", "σ of the noise added to each input sample"),
            P("thr_up", "0.001", "—", "up threshold θ_up (> 0)"),
            P("thr_down", "0.001", "—", "down threshold θ_down (> 0)"),
            P("max_num_timesteps", "5000", "—", "Rockpool's evolve chunk length, kept for to_dict"),
            P("multiplex_spikes", "true", "—", "several spikes per step for large changes (false: at most one)"),
        ],
        [CurrentIn],
        [S("state", "—", "the reconstructed input, one value per input channel"), S("initialized", "—", "1 once the first sample is taken"),
         S("round_robin", "—", "next sub-channel per input and polarity")]);
}
