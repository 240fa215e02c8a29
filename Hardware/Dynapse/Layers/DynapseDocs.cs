using System.Globalization;
using EventSpike.Neurons.Models;

namespace EventSpike.Hardware.Dynapse.Layers;

/// <summary>The documentation of <see cref="RecDynapSE"/> and <see cref="VirtualDynapse"/> (docs/models.md).</summary>
internal static class DynapseDocs
{
    private const string Family = "DYNAP-SE (Hardware)";

    private static ParameterDoc P(string name, string @default, string unit, string meaning) => new(name, @default, unit, meaning);

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static readonly PortDoc Input = new("input", "event counts per input channel and step, each an event of that channel's FPGA virtual neuron");

    private static readonly ParameterDoc[] Common =
    [
        P("mismatch", "true", "—", "frozen device mismatch on (per-neuron, per-parameter and per-synapse factors max(0.1, 1 + σ·z))"),
        P("mismatch_std", "0.2", "—", "σ of the mismatch factors"),
        P("mismatch_seed", "drawn from the layer's stream", "—", "seed of the counter-based mismatch factors (whole number < 2^53); the same seed gives the same bits"),
        P("device", "\"local\"", "—", "for backend \"dynapse\": \"local\" (the chip model in this process) or tcp://HOST:PORT of `eventspike device-server`"),
        P("monitored", "true", "—", "SRAM 0 kept for the FPGA monitor: fan-out ≤ 3 destination chips (false: 4)"),
        P("name", "\"unnamed\"", "—", "Rockpool's layer name, kept for to_dict"),
    ];

    public static readonly ModelDoc RecDynapSE = new(
        Family,
        "Rockpool's RecDynapSE: a recurrent layer mapped onto the 4-chip DYNAP-SE board (fan-in 64, fan-out 3 chips, no CAM aliasing) and run on the DPI chip model.",
        """
        synapse (4 types per neuron: GABA_B, GABA_A, NMDA, AMPA): I_syn ← I_syn·e^{−dt/τ} + (I_g/I_τ)·I_w·(1 − e^{−t_pulse/τ})·n
        I_nmda,eff = I_nmda/(1 + I_f,nmda/I_mem);  I_in = I_nmda,eff + I_ampa − I_subtractive + I_dc  (0 while refractory, ≥ I₀)
        I_leak = I_τ,mem + I_shunting;  τ = C_mem·U_T/(κ·I_leak);  I_∞ = (I_g,mem/I_τ,mem)·(I_in − I_ahp − I_leak)
        I_fb = I₀^{1/(κ+1)}·I_mem^{κ/(κ+1)}
        dI_mem/dt = I_mem/(τ·(I_mem + I_g,mem))·(I_∞ + (I_fb/I_leak)·(I_mem + I_g,mem) − I_mem·(1 + I_ahp/I_leak))
        I_mem > I_spkthr → spike, I_mem ← I₀, refractory t_ref;  AHP: a DPI driven by the neuron's own spikes
        I_τ = (U_T/κ)·C/τ, I_g = ratio·I_τ; κ = 0.705, U_T = 25 mV, I₀ = 0.5 pA, C_mem 3 pF, C_syn 24.5–25 pF
        """,
        "Chip step chip_dt (round(dt/chip_dt) per layer step; inputs at the first): synapses by the exact exponential step, AHP from last chip step's spikes, membrane by forward Euler, then threshold; a recurrent spike acts one chip step later. Currents clipped at I₀. Weights are CAM counts: n = Σ matched entries × per-synapse mismatch. With rockpool_parity the leak is subtracted twice as in DynapSim v3.",
        [
            P("weights_in", ParameterDoc.Required, "count", "M×N input connection counts [channel][neuron] (sign: exc/inh), or a generator object; rounded to integers"),
            P("weights_rec", ParameterDoc.Required, "count", "N×N recurrent counts, or a generator object (in_res_* also give weights_in); N is the size"),
            P("max_num_connections", "null", "—", "discretise real weights to this many levels per sign (DiscretiseWeightMatrix) instead of rounding"),
            P("neuron_ids", "null", "—", "board neurons of the layer (null: allocated first-free, skipping 0, 1024, 2048, 3072)"),
            P("virtual_neuron_ids", "null", "—", "FPGA virtual neurons of the input channels (null: first-free from 1, disjoint from the layer's tags)"),
            P("l_input_core_ids", "[0]", "—", "cores (within the input chip) that hold the input-receiving neurons"),
            P("input_chip_id", "0", "—", "chip of the input-receiving neurons"),
            P("max_num_events_batch", "65535", "events", "most input events per FPGA transfer; a larger window is split in halves"),
            P("max_num_trials_batch", "—", "—", "Rockpool's batching option, kept for to_dict"),
            P("max_batch_dur", "—", "s", "Rockpool's batching option, kept for to_dict"),
            P("max_num_timesteps", "—", "steps", "Rockpool's batching option, kept for to_dict"),
            P("clearcores_list", "—", "—", "Rockpool's cores to clear, kept for to_dict"),
            P("rpyc_port", "—", "—", "Rockpool's RPyC port, kept for to_dict"),
            P("skip_weights", "false", "—", "Rockpool's option, kept for to_dict"),
            P("skip_neuron_allocation", "false", "—", "Rockpool's option, kept for to_dict"),
            P("fastmode", "false", "—", "Rockpool's option, kept for to_dict"),
            P("speedup", "1.0", "—", "Rockpool's option, kept for to_dict"),
            P("chip_dt", "1e-05", "s", "the chip model's step (≤ dt)"),
            P("rockpool_parity", "false", "—", "DynapSim v3's double leak subtraction"),
            P("shunting", "\"gaba_a\"", "—", "the shunting inhibitory synapse: \"gaba_a\" (fast) or \"gaba_b\"; the other is subtractive"),
            .. RecDynapSEFields(),
            .. Common,
        ],
        [Input],
        [
            new StateDoc("i_mem", "A", "membrane current"),
            new StateDoc("i_ahp", "A", "adaptation current"),
            new StateDoc("refractory_left", "chip steps", "refractory time left"),
        ]);

    private static IEnumerable<ParameterDoc> RecDynapSEFields() =>
        Layers.RecDynapSE.CoreFields.Select(f => P(f.Name, Num(f.Default), f.Name.StartsWith("tau") || f.Name.StartsWith("t_") ? "s" : f.Name.Contains("ratio") ? "—" : "A",
            $"per core (one value or 16): {Meaning(f.Name)}"));

    private static string Meaning(string name) => name switch
    {
        "tau_mem" => "membrane time constant (IF_TAU1_N)",
        "tau_mem_2" => "second membrane time constant (IF_TAU2_N)",
        "gain_mem_ratio" => "I_g,mem/I_τ,mem (IF_THR_N)",
        "i_dc" => "constant input current (IF_DC_P)",
        "i_spkthr" => "spike threshold current",
        "t_ref" => "refractory period (IF_RFR_N)",
        "t_pulse" => "CAM pulse width (PULSE_PWLK_P)",
        "gain_syn_ratio" => "I_g/I_τ of every synapse",
        "if_nmda" => "NMDA gate current (IF_NMDA_N)",
        "tau_ahp" => "adaptation time constant",
        "gain_ahp_ratio" => "I_g,ahp/I_τ,ahp",
        "iw_ahp" => "adaptation jump current (I₀: off)",
        "t_pulse_ahp" => "adaptation pulse width",
        _ when name.StartsWith("tau_") => $"{name[4..].ToUpperInvariant()} synapse time constant",
        _ => $"{name[3..].ToUpperInvariant()} weight current per CAM match (PS_WEIGHT_*)",
    };

    public static readonly ModelDoc VirtualDynapse = new(
        Family,
        "Rockpool's VirtualDynapse: the board's neurons 0…N−1 as AdEx neurons with exponential current synapses (NEST aeif_psc_exp, V_rest = V_reset = 0, a = 0), integer connection counts, per-core parameters and mismatch.",
        """
        τ_mem dV/dt = −V + Δ_T·exp((V − v_thresh)/Δ_T) + I_exc − I_inh + bias − w
        τ_syn,exc dI_exc/dt = −I_exc + Σ count·baseweight_e·m;  τ_syn,inh dI_inh/dt = −I_inh + Σ count·baseweight_i·m
        τ_adapt dw/dt = −w;  V ≥ V_peak (v_thresh + 0.01 if Δ_T ≠ 0) → spike, V ← 0, w += spike_adapt, refractory
        """,
        "One update per step dt: synaptic currents and w decay exactly and take the step's input; V by forward Euler (exponential term capped at V_peak); V clamped at 0 while refractory. Recurrent spikes act one step later.",
        [
            P("connections_rec", ParameterDoc.Required, "count", "N×N connection counts among neurons 0…N−1 (sign: exc/inh), or a generator object"),
            P("connections_ext", "one silent channel", "count", "M×N counts from external channels, or a generator object"),
            P("ids_in", "0…M−1", "—", "external IDs (virtual neurons) of the input channels"),
            P("has_tau_mem_2", "false", "—", "per neuron (true/false or a list): use tau_mem_2"),
            P("validate", "true", "—", "refuse connections that break a board limit (validate_connections ≠ 0)"),
            P("record", "false", "—", "Rockpool's option, kept for to_dict"),
            P("num_threads", "1", "—", "Rockpool's option, kept for to_dict"),
            .. VirtualDynapseParameters.Names.Select((n, i) => P(n, Num(VirtualDynapseParameters.Defaults[i]),
                n.StartsWith("tau") || n == "refractory" ? "s" : "V", $"per core (one value or 16; negative clipped to 0): {n.Replace('_', ' ')}")),
            .. Common,
        ],
        [Input],
        [
            new StateDoc("v_mem", "V", "membrane potential"),
            new StateDoc("w_adapt", "V", "adaptation"),
            new StateDoc("refractory_left", "steps", "refractory time left"),
        ]);
}
