using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's <c>FFExpSyn</c> (aliases <c>FFExpSynTorch</c>, <c>FFExpSynBrian</c>): input spikes
/// through weights <c>W</c> (M×N, or an integer n for the n×n identity) into exponential synapses;
/// the output is the synaptic current plus a bias, a continuous signal.
///
/// Equations: τ_syn dI/dt = −I, I += S_in·W on input spikes; out = I + bias.
/// Integration: exact decay. Step k: I_k = e^(−dt/τ_syn)·I_{k−1} + S_in,k·W + σ·√(2dt/τ_syn)·ξ_k;
/// the output of step k (time (k+1)·dt) is I_k + bias. This is Rockpool's kernel [0, 1, e^(−dt/τ), …]
/// (a spike of step j shows from sample j+1 on). Rockpool's first output sample of each evolve
/// call is the bias alone, dropping the carried-over state (digest §12.7); here the state carries
/// over, as intended. With add_events false a channel counts at most one event per step (the port
/// value is capped at 1, which assumes unit-weight connections into the port).
/// </summary>
public sealed class FFExpSyn : ZooLayer
{
    private readonly DenseMatrix _w;
    private readonly double[] _decay;
    private readonly double[] _noiseScale;
    private readonly double[] _capped;
    private readonly bool _identityGiven;

    public FFExpSyn(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        var raw = p.Raw("weights");
        if (raw is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out var n))
        {
            _w = DenseMatrix.Identity(n);
            _identityGiven = true;
        }
        else if (raw is null || raw.Value.ValueKind == JsonValueKind.Null)
        {
            _w = DenseMatrix.Identity(RequireSize());
            _identityGiven = true;
        }
        else _w = p.Matrix("weights")!;
        ResolveSize(_w.Cols, "weights");
        Ports = [new InputPort("input", PortKind.Spikes, _w.Rows)];
        Bias = p.PerNeuron("bias", 0.0, Size);
        TauSyn = Positive(p.PerNeuron("tau_syn", 0.005, Size), "tau_syn");
        NoiseStd = NonNegative(p.Scalar("noise_std", 0.0), "noise_std");
        AddEvents = p.Bool("add_events", true);
        MaxNumTimesteps = p.Integer("max_num_timesteps", 5000);
        IntegratorName = p.Has("integrator_name") ? p.Text("integrator_name", "rk4") : null;
        _decay = TauSyn.Select(t => Math.Exp(-dt / t)).ToArray();
        _noiseScale = TauSyn.Select(t => NoiseStd * Math.Sqrt(2.0 * dt / t)).ToArray();
        _capped = new double[_w.Rows];
        ISyn = AddState("i_syn", Size);
        AllocateOutput(Size);
        Noise = new BlockNoise(Size, streams);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public override SignalKind OutputKind => SignalKind.Continuous;
    public double[] Bias { get; }
    public double[] TauSyn { get; }
    public double NoiseStd { get; }
    public bool AddEvents { get; }
    public int MaxNumTimesteps { get; }
    public string? IntegratorName { get; }

    /// <summary>Synaptic current (without the bias).</summary>
    public double[] ISyn { get; }

    public override void ResetState()
    {
        Array.Clear(ISyn);
        Array.Copy(Bias, OutputValues, Size);
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        ReadOnlySpan<double> input = portInput[0];
        if (!AddEvents)
        {
            for (var i = 0; i < input.Length; i++) _capped[i] = Math.Min(input[i], 1.0);
            input = _capped;
        }
        for (var j = 0; j < Size; j++) ISyn[j] *= _decay[j];
        _w.AccumulateVecMat(input, ISyn);
        for (var j = 0; j < Size; j++)
        {
            if (NoiseStd > 0) ISyn[j] += _noiseScale[j] * Noise!.Gaussian(j);
            OutputValues[j] = ISyn[j] + Bias[j];
        }
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["weights"] = _identityGiven ? JsonValue.Create(_w.Rows) : _w.ToJson();
        d["bias"] = ModelDict.PerNeuron(Bias);
        d["tau_syn"] = ModelDict.PerNeuron(TauSyn);
        d["noise_std"] = NoiseStd;
        d["add_events"] = AddEvents;
        d["max_num_timesteps"] = MaxNumTimesteps;
        if (IntegratorName is not null) d["integrator_name"] = IntegratorName;
        return d;
    }
}
