using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's Torch integrate-and-fire family (<see cref="IafTorchVariant"/>): FF/Rec × current or
/// spike input × refractory, and the constant-leak RecIAFSpkInRefrCLTorch. Currents in volts (R·I).
///
/// Equations:
///   τ_mem dV/dt = V_rest − V + I(t) + b + noise;   V &gt; v_thresh → spike, V ← v_reset
///   spike input:  I_inp jumps by S_in·W_in and decays with τ_syn (tau_syn, tau_syn_inp)
///   recurrent:    I_rec jumps by S·W_rec one step after the spikes and decays with τ_syn_rec (tau_syn_r)
/// Integration: Rockpool's discrete update, forward Euler for V (α = dt/τ_mem), exact decay for
/// the synapses (its convolution kernels e^(−t/τ) are this recursion). Step k:
///   I_inp,k = e^(−dt/τ_syn)·I_inp,k−1 + S_in,k·W_in            (an input spike counts in its own step)
///   I_rec,k = e^(−dt/τ_rec)·I_rec,k−1 + S_{k−1}·W_rec
///   I_k     = x_k·W (current input; RecIAF*: x_k itself) or I_inp,k;  + I_rec,k;  + σ·√(2τ_mem/dt)·1.63·ξ_k
///   free neurons: V ← V + α·(I_k + V_rest + b − V);  V &gt; v_thresh → spike, V ← v_reset,
///   and refractory variants then hold V for round(refractory/dt) steps.
/// Constant leak (CL): V ← V + α·(I_k + leak_rate·dt·sgn(v_rest − V)), no exponential decay and no
/// bias (as Rockpool's CL loop), then V ← max(V, state_min). With v_rest None the leak always
/// lowers V: that is Rockpool's documented intent; its 1.0.7 loop adds +leak_rate·dt instead.
/// Rockpool's FFIAFTorch.to_dict writes v_rest = v_reset (a bug); ToDict here writes v_rest.
/// State: v_mem (initially v_reset, as Rockpool's reset_state), i_syn_inp, i_syn_rec, refractory_left.
/// Spikes of step k are stamped (k+1)·dt, as in Rockpool.
/// </summary>
public sealed class IafTorch : ZooLayer
{
    private readonly IafTorchVariant _variant;
    private readonly DenseMatrix? _wIn;
    private readonly DenseMatrix? _wRec;
    private readonly double[] _alpha;
    private readonly double[] _decayInp;
    private readonly double[] _decayRec;
    private readonly double[] _noiseScale;
    private readonly int _refractorySteps;
    private readonly double[] _drive;
    private readonly List<int> _lastSpikes = new();

    public IafTorch(string className, IafTorchVariant variant, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        _variant = variant;
        int inputs;
        if (variant.Recurrent && !variant.SpikeInput)
        {
            // RecIAFTorch: `weights` is the N×N recurrent matrix; the input feeds the N neurons directly.
            _wRec = Square(RequiredMatrix(p, "weights"), "weights");
            inputs = ResolveSize(_wRec.Cols, "weights");
        }
        else if (variant.Recurrent)
        {
            _wIn = RequiredMatrix(p, "weights_in");
            _wRec = Square(RequiredMatrix(p, "weights_rec"), "weights_rec");
            ResolveSize(_wRec.Cols, "weights_rec");
            if (_wIn.Cols != Size) throw new ModelParameterException("weights_in", $"'weights_in' must have {Size} columns, got {_wIn.Cols}");
            inputs = _wIn.Rows;
        }
        else
        {
            _wIn = RequiredMatrix(p, "weights");
            ResolveSize(_wIn.Cols, "weights");
            inputs = _wIn.Rows;
        }
        var n = Size;
        Ports = [new InputPort("input", variant.SpikeInput ? PortKind.Spikes : PortKind.Current, inputs)];

        Bias = p.PerNeuron("bias", variant.BiasDefault, n);
        TauMem = Positive(p.PerNeuron("tau_mem", 0.02, n), "tau_mem");
        VThresh = p.PerNeuron("v_thresh", -0.055, n);
        VReset = p.PerNeuron("v_reset", -0.065, n);
        VRest = variant.ConstantLeak ? p.PerNeuronOrNull("v_rest", -0.065, n) : p.PerNeuron("v_rest", -0.065, n);
        NoiseStd = variant.ConstantLeak ? 0.0 : NonNegative(p.Scalar("noise_std", 0.0), "noise_std");
        Refractory = variant.Refractory ? NonNegative(p.Scalar("refractory", 0.0), "refractory") : 0.0;
        _refractorySteps = (int)Math.Round(Refractory / dt);
        if (variant.SpikeInput)
        {
            var name = variant.Recurrent ? "tau_syn_inp" : "tau_syn";
            TauSynInp = Positive(p.PerNeuron(name, variant.Recurrent ? 0.05 : 0.02, n), name);
        }
        if (variant.Recurrent)
        {
            var name = variant.SpikeInput ? "tau_syn_rec" : "tau_syn_r";
            TauSynRec = Positive(p.PerNeuron(name, 0.05, n), name);
        }
        AddEvents = variant.SpikeInput && variant.Recurrent ? p.Bool("add_events", true) : true;
        if (variant.ConstantLeak)
        {
            LeakRate = p.PerNeuron("leak_rate", 0.02, n);
            StateMin = p.PerNeuronOrNull("state_min", -0.085, n);
        }
        Record = p.Bool("record", false);
        MaxNumTimesteps = p.Integer("max_num_timesteps", 400);
        IntegratorName = variant.Brian ? p.Text("integrator_name", "rk4") : null;

        _alpha = TauMem.Select(t => dt / t).ToArray();
        _decayInp = TauSynInp?.Select(t => Math.Exp(-dt / t)).ToArray() ?? [];
        _decayRec = TauSynRec?.Select(t => Math.Exp(-dt / t)).ToArray() ?? [];
        _noiseScale = TauMem.Select(t => NoiseStd * Math.Sqrt(2.0 * t / dt) * 1.63).ToArray();
        _drive = new double[n];
        VMem = AddState("v_mem", n);
        ISynInp = AddState("i_syn_inp", n);
        ISynRec = AddState("i_syn_rec", n);
        RefractoryLeft = AddState("refractory_left", n);
        Noise = new BlockNoise(n, streams);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public double[] Bias { get; }
    public double[] TauMem { get; }
    public double[]? TauSynInp { get; }
    public double[]? TauSynRec { get; }
    public double[] VThresh { get; }
    public double[] VReset { get; }
    public double[]? VRest { get; }
    public double NoiseStd { get; }
    public double Refractory { get; }
    public bool AddEvents { get; }
    public double[]? LeakRate { get; }
    public double[]? StateMin { get; }
    public bool Record { get; }
    public int MaxNumTimesteps { get; }
    public string? IntegratorName { get; }

    public double[] VMem { get; }
    public double[] ISynInp { get; }
    public double[] ISynRec { get; }
    public double[] RefractoryLeft { get; }

    public override void ResetState()
    {
        Array.Copy(VReset, VMem, Size);
        Array.Clear(ISynInp);
        Array.Clear(ISynRec);
        Array.Clear(RefractoryLeft);
        _lastSpikes.Clear();
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        var input = portInput[0];
        var n = Size;
        var drive = _drive;

        if (_variant.SpikeInput)
        {
            ReadOnlySpan<double> counts = input;
            if (!AddEvents)
            {
                var capped = new double[input.Length];
                for (var i = 0; i < input.Length; i++) capped[i] = Math.Min(input[i], 1.0);
                counts = capped;
            }
            for (var j = 0; j < n; j++) ISynInp[j] *= _decayInp[j];
            _wIn!.AccumulateVecMat(counts, ISynInp);
            Array.Copy(ISynInp, drive, n);
        }
        else if (_wIn is not null) _wIn.VecMat(input, drive);
        else Array.Copy(input, drive, n);

        if (_wRec is not null)
        {
            for (var j = 0; j < n; j++) ISynRec[j] *= _decayRec[j];
            foreach (var pre in _lastSpikes) _wRec.AccumulateRow(pre, ISynRec);
            for (var j = 0; j < n; j++) drive[j] += ISynRec[j];
        }
        _lastSpikes.Clear();

        for (var j = 0; j < n; j++)
        {
            var noise = NoiseStd > 0 ? _noiseScale[j] * Noise!.Gaussian(j) : 0.0;
            var free = RefractoryLeft[j] == 0;
            if (RefractoryLeft[j] > 0) RefractoryLeft[j]--;
            var v = VMem[j];
            if (free)
            {
                if (_variant.ConstantLeak)
                {
                    var leak = LeakRate![j] * Dt;
                    var towards = VRest is null ? -leak : v < VRest[j] ? leak : v > VRest[j] ? -leak : 0.0;
                    v += _alpha[j] * (drive[j] + towards);
                }
                else v += _alpha[j] * (drive[j] + noise + VRest![j] + Bias[j] - v);
            }
            if (StateMin is not null && v < StateMin[j]) v = StateMin[j];
            if (v > VThresh[j])
            {
                v = VReset[j];
                RefractoryLeft[j] += _refractorySteps;
                spikes.Add(j);
                _lastSpikes.Add(j);
            }
            VMem[j] = v;
        }
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        if (_variant.Recurrent && !_variant.SpikeInput) d["weights"] = _wRec!.ToJson();
        else if (_variant.Recurrent)
        {
            d["weights_in"] = _wIn!.ToJson();
            d["weights_rec"] = _wRec!.ToJson();
        }
        else d["weights"] = _wIn!.ToJson();
        d["bias"] = ModelDict.PerNeuron(Bias);
        d["tau_mem"] = ModelDict.PerNeuron(TauMem);
        if (TauSynInp is not null) d[_variant.Recurrent ? "tau_syn_inp" : "tau_syn"] = ModelDict.PerNeuron(TauSynInp);
        if (TauSynRec is not null) d[_variant.SpikeInput ? "tau_syn_rec" : "tau_syn_r"] = ModelDict.PerNeuron(TauSynRec);
        d["v_thresh"] = ModelDict.PerNeuron(VThresh);
        d["v_reset"] = ModelDict.PerNeuron(VReset);
        d["v_rest"] = VRest is null ? null : ModelDict.PerNeuron(VRest);
        if (!_variant.ConstantLeak) d["noise_std"] = NoiseStd;
        if (_variant.Refractory) d["refractory"] = Refractory;
        if (_variant.SpikeInput && _variant.Recurrent) d["add_events"] = AddEvents;
        if (LeakRate is not null) d["leak_rate"] = ModelDict.PerNeuron(LeakRate);
        if (_variant.ConstantLeak) d["state_min"] = StateMin is null ? null : ModelDict.PerNeuron(StateMin);
        d["record"] = Record;
        d["max_num_timesteps"] = MaxNumTimesteps;
        if (IntegratorName is not null) d["integrator_name"] = IntegratorName;
        return d;
    }

    private static DenseMatrix Square(DenseMatrix m, string name) =>
        m.Rows == m.Cols ? m : throw new ModelParameterException(name, $"'{name}' must be square (N×N), got {m.Rows}×{m.Cols}");
}
