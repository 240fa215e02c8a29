using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's NEST layers without NEST: <c>FFIAFNest</c> (NEST iaf_psc_exp, current input through
/// <c>weights</c>), <c>RecIAFSpkInNest</c> (iaf_psc_exp, spike input through <c>weights_in</c>,
/// recurrent <c>weights_rec</c>) and <c>RecAEIFSpkInNest</c> (NEST aeif_psc_exp, adaptive
/// exponential IAF, Brette &amp; Gerstner 2005). Rockpool's parameter names and units: volts and
/// seconds; weights and bias in nA; capacity in nF; conductance and subthresh_adapt (a) in nS;
/// spike_adapt (b) in pA (Rockpool hands it to NEST's b unconverted; its docstring's "nA" is wrong).
/// State in SI (V, A).
///
/// Equations (aeif_psc_exp; iaf_psc_exp is the case Δ_T = 0, a = b = 0):
///   C dV/dt   = −g_L(V − E_L) + g_L·Δ_T·exp((V − V_T)/Δ_T) + I_ex + I_in + I_e + I_stim − w
///   (V on the right-hand sides taken as min(V, V_peak), as NEST does)
///   τ_w dw/dt = a(V − E_L) − w
///   τ_ex dI_ex/dt = −I_ex,  τ_in dI_in/dt = −I_in  (positive weights → I_ex, negative → I_in)
///   V ≥ V_peak → spike, V ← V_reset, w ← w + b; V held at V_reset during the refractory period
///   while w and the currents evolve. V_peak = V_T + 10 mV when Δ_T ≠ 0, else V_T (as Rockpool).
/// with E_L = v_rest, V_T = v_thresh, I_e = bias, C = capacity (iaf: default tau_mem·1 nS) or
/// g_L·τ_mem (aeif: g_L = conductance), a = subthresh_adapt, b = spike_adapt, τ_w = tau_adapt,
/// Δ_T = delta_t, τ_ex/τ_in = tau_syn_exc/tau_syn_inh (default tau_syn).
/// Integration: classical RK4 for (V, w) on substeps of at most 10 µs (NEST uses an adaptive
/// RKF45 for aeif and exact propagators for iaf_psc_exp; RK4 at this step agrees with both far
/// below the spike-time resolution), the synaptic currents exactly (e^(−t/τ) at the RK stages).
/// A spike is detected at the end of a substep. Timing (EventSpike's contract): input spikes of
/// step k (weighted, jumps at its start) and the current input of step k act in step k, a spike
/// produced in step k is stamped (k+1)·dt and reaches the recurrent synapses at the start of step
/// k + max(1, round(delay_rec/dt)); delay_in adds max(0, round(delay_in/dt) − 1) steps (the default
/// delay_in = dt is NEST's minimum, which the contract's entry rule already stands for). After a
/// spike the neuron is held for the rest of its step and round(refractory/dt) more steps; with
/// refractory 0 it may fire again in the same step. Rockpool's NEST layers stamp spikes at NEST's
/// time − dt/2. Delays are scalars here (Rockpool also accepts per-connection arrays).
/// </summary>
public sealed class NestIaf : ZooLayer
{
    private const double MaxSubstep = 1e-5;

    private readonly DenseMatrix _wIn;
    private readonly DenseMatrix? _wRec;
    private readonly int _substeps;
    private readonly double _h;
    private readonly int _refractorySteps;
    private readonly int _extraInputDelay;
    private readonly int _recDelay;
    private readonly double[][] _pending;
    private readonly double[] _cm, _gl, _ie, _vPeak, _a, _b, _tauW, _dT;
    private readonly double[] _exHalf, _exFull, _inHalf, _inFull;
    private readonly double[] _stim;
    private readonly double[] _weighted;

    public NestIaf(string className, bool currentInput, bool adaptive, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        CurrentInput = currentInput;
        Adaptive = adaptive;
        if (currentInput)
        {
            _wIn = RequiredMatrix(p, "weights");
            ResolveSize(_wIn.Cols, "weights");
        }
        else
        {
            _wIn = RequiredMatrix(p, "weights_in");
            _wRec = RequiredMatrix(p, "weights_rec");
            if (_wRec.Rows != _wRec.Cols) throw new ModelParameterException("weights_rec", $"'weights_rec' must be square (N×N), got {_wRec.Rows}×{_wRec.Cols}");
            ResolveSize(_wIn.Cols, "weights_in");
            if (_wRec.Rows != Size) throw new ModelParameterException("weights_rec", $"'weights_rec' must be {Size}×{Size}, got {_wRec.Rows}×{_wRec.Cols}");
        }
        var n = Size;
        Ports = [new InputPort("input", currentInput ? PortKind.Current : PortKind.Spikes, _wIn.Rows)];

        Bias = p.PerNeuron("bias", 0.0, n);
        TauMem = Positive(p.PerNeuron("tau_mem", 0.02, n), "tau_mem");
        VThresh = p.PerNeuron("v_thresh", -0.055, n);
        VReset = p.PerNeuron("v_reset", -0.065, n);
        VRest = p.PerNeuron("v_rest", -0.065, n);
        Refractory = NonNegative(p.Scalar("refractory", 0.001), "refractory");
        Record = p.Bool("record", false);
        NumCores = p.Integer("num_cores", 1);
        if (!currentInput)
        {
            DelayIn = NonNegative(p.Scalar("delay_in", 1e-4), "delay_in");
            DelayRec = NonNegative(p.Scalar("delay_rec", 1e-4), "delay_rec");
            TauSyn = p.PerNeuronOrNull("tau_syn", 0.05, n);
            TauSynExc = p.PerNeuronOrNull("tau_syn_exc", null, n);
            TauSynInh = p.PerNeuronOrNull("tau_syn_inh", null, n);
            if ((TauSynExc is null || TauSynInh is null) && TauSyn is null)
                throw new ModelParameterException("tau_syn", "'tau_syn' is needed when 'tau_syn_exc' or 'tau_syn_inh' is null");
            Positive(TauSynExc ?? TauSyn!, TauSynExc is null ? "tau_syn" : "tau_syn_exc");
            Positive(TauSynInh ?? TauSyn!, TauSynInh is null ? "tau_syn" : "tau_syn_inh");
        }
        Capacity = p.PerNeuronOrNull("capacity", null, n);
        if (adaptive)
        {
            Conductance = p.PerNeuronOrNull("conductance", 1.0, n);
            if (Conductance is null && Capacity is null)
                throw new ModelParameterException("conductance", "of 'tau_mem', 'conductance' and 'capacity' only one may be null");
            SubthreshAdapt = p.PerNeuron("subthresh_adapt", 4.0, n);
            SpikeAdapt = p.PerNeuron("spike_adapt", 80.5, n);
            DeltaT = p.PerNeuron("delta_t", 0.002, n);
            foreach (var x in DeltaT)
                if (x < 0) throw new ModelParameterException("delta_t", $"'delta_t' must be ≥ 0, got {x}");
            TauAdapt = Positive(p.PerNeuron("tau_adapt", 0.144, n), "tau_adapt");
        }
        if (Capacity is not null) Positive(Capacity, "capacity");

        _substeps = Math.Max(1, (int)Math.Ceiling(dt / MaxSubstep - 1e-9));
        _h = dt / _substeps;
        _refractorySteps = (int)Math.Round(Refractory / dt);
        _extraInputDelay = currentInput ? 0 : Math.Max(0, (int)Math.Round(DelayIn / dt) - 1);
        _recDelay = currentInput ? 1 : Math.Max(1, (int)Math.Round(DelayRec / dt));
        _pending = new double[Math.Max(_extraInputDelay, _recDelay) + 1][];
        for (var i = 0; i < _pending.Length; i++) _pending[i] = new double[2 * n];

        _cm = new double[n]; _gl = new double[n]; _ie = new double[n]; _vPeak = new double[n];
        _a = new double[n]; _b = new double[n]; _tauW = new double[n]; _dT = new double[n];
        _exHalf = new double[n]; _exFull = new double[n]; _inHalf = new double[n]; _inFull = new double[n];
        for (var j = 0; j < n; j++)
        {
            if (adaptive && Conductance is not null)
            {
                _gl[j] = Conductance[j] * 1e-9;
                _cm[j] = _gl[j] * TauMem[j];
            }
            else
            {
                _cm[j] = (Capacity?[j] ?? TauMem[j]) * 1e-9;
                _gl[j] = _cm[j] / TauMem[j];
            }
            _ie[j] = Bias[j] * 1e-9;
            _dT[j] = adaptive ? DeltaT![j] : 0.0;
            _vPeak[j] = _dT[j] != 0 ? VThresh[j] + 0.01 : VThresh[j];
            _a[j] = adaptive ? SubthreshAdapt![j] * 1e-9 : 0.0;
            _b[j] = adaptive ? SpikeAdapt![j] * 1e-12 : 0.0;
            _tauW[j] = adaptive ? TauAdapt![j] : 1.0;
            var tauEx = TauSynExc?[j] ?? TauSyn?[j] ?? 1.0;
            var tauIn = TauSynInh?[j] ?? TauSyn?[j] ?? 1.0;
            _exHalf[j] = Math.Exp(-_h / 2 / tauEx); _exFull[j] = Math.Exp(-_h / tauEx);
            _inHalf[j] = Math.Exp(-_h / 2 / tauIn); _inFull[j] = Math.Exp(-_h / tauIn);
        }
        _stim = new double[n];
        _weighted = new double[n];

        VMem = AddState("v_mem", n);
        ISynExc = AddState("i_syn_exc", n);
        ISynInh = AddState("i_syn_inh", n);
        W = AddState("w", n);
        RefractoryLeft = AddState("refractory_left", n);
        ResetState();
    }

    public bool CurrentInput { get; }
    public bool Adaptive { get; }
    public override IReadOnlyList<InputPort> Ports { get; }
    public double[] Bias { get; }
    public double[] TauMem { get; }
    public double[]? TauSyn { get; }
    public double[]? TauSynExc { get; }
    public double[]? TauSynInh { get; }
    public double[] VThresh { get; }
    public double[] VReset { get; }
    public double[] VRest { get; }
    public double[]? Capacity { get; }
    public double[]? Conductance { get; }
    public double Refractory { get; }
    public double DelayIn { get; }
    public double DelayRec { get; }
    public double[]? SubthreshAdapt { get; }
    public double[]? SpikeAdapt { get; }
    public double[]? DeltaT { get; }
    public double[]? TauAdapt { get; }
    public bool Record { get; }
    public int NumCores { get; }

    /// <summary>RK4 substeps per dt (each at most 10 µs).</summary>
    public int Substeps => _substeps;

    public double[] VMem { get; }
    public double[] ISynExc { get; }
    public double[] ISynInh { get; }

    /// <summary>The adaptation current w, in A (0 for the iaf layers).</summary>
    public double[] W { get; }

    /// <summary>Whole steps of refractoriness left after the current one.</summary>
    public double[] RefractoryLeft { get; }

    /// <summary>Rockpool's reset: V at rest, currents and adaptation zero, nothing pending.</summary>
    public override void ResetState()
    {
        Array.Copy(VRest, VMem, Size);
        Array.Clear(ISynExc);
        Array.Clear(ISynInh);
        Array.Clear(W);
        Array.Clear(RefractoryLeft);
        foreach (var slot in _pending) Array.Clear(slot);
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        var n = Size;
        var input = portInput[0];
        var now = _pending[(int)(step % _pending.Length)];
        if (CurrentInput)
        {
            _wIn.VecMat(input, _stim);
            for (var j = 0; j < n; j++) _stim[j] *= 1e-9;
        }
        else
        {
            // Signed input weights go to the excitatory or inhibitory synapse by sign, per connection.
            var target = _extraInputDelay == 0 ? now : _pending[(int)((step + _extraInputDelay) % _pending.Length)];
            for (var i = 0; i < input.Length; i++)
            {
                var count = input[i];
                if (count == 0) continue;
                var row = _wIn.Row(i);
                for (var j = 0; j < n; j++)
                {
                    var w = row[j] * count * 1e-9;
                    if (w >= 0) target[j] += w;
                    else target[n + j] += w;
                }
            }
        }
        for (var j = 0; j < n; j++)
        {
            ISynExc[j] += now[j];
            ISynInh[j] += now[n + j];
        }
        Array.Clear(now);

        var recTarget = _wRec is null ? null : _pending[(int)((step + _recDelay) % _pending.Length)];
        for (var j = 0; j < n; j++)
        {
            var held = RefractoryLeft[j] > 0;
            if (held) RefractoryLeft[j]--;
            for (var s = 0; s < _substeps; s++)
            {
                Substep(j, held);
                if (!held && VMem[j] >= _vPeak[j])
                {
                    VMem[j] = VReset[j];
                    W[j] += _b[j];
                    spikes.Add(j);
                    if (recTarget is not null)
                        for (var i = 0; i < n; i++)
                        {
                            var w = _wRec![j, i] * 1e-9;
                            if (w >= 0) recTarget[i] += w;
                            else recTarget[n + i] += w;
                        }
                    if (_refractorySteps > 0)
                    {
                        held = true;
                        RefractoryLeft[j] = _refractorySteps;
                    }
                }
            }
        }
    }

    /// <summary>One RK4 substep of neuron j; a held neuron keeps V = v_reset.</summary>
    private void Substep(int j, bool held)
    {
        var h = _h;
        var ex0 = ISynExc[j];
        var in0 = ISynInh[j];
        var fixedI = _ie[j] + _stim[j];
        var i0 = ex0 + in0 + fixedI;
        var i1 = ex0 * _exHalf[j] + in0 * _inHalf[j] + fixedI;
        var i2 = ex0 * _exFull[j] + in0 * _inFull[j] + fixedI;
        var v = VMem[j];
        var w = W[j];
        Derivatives(j, v, w, i0, held, out var k1v, out var k1w);
        Derivatives(j, v + h / 2 * k1v, w + h / 2 * k1w, i1, held, out var k2v, out var k2w);
        Derivatives(j, v + h / 2 * k2v, w + h / 2 * k2w, i1, held, out var k3v, out var k3w);
        Derivatives(j, v + h * k3v, w + h * k3w, i2, held, out var k4v, out var k4w);
        VMem[j] = held ? VReset[j] : v + h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
        W[j] = w + h / 6 * (k1w + 2 * k2w + 2 * k3w + k4w);
        ISynExc[j] = ex0 * _exFull[j];
        ISynInh[j] = in0 * _inFull[j];
    }

    private void Derivatives(int j, double v, double w, double current, bool held, out double dv, out double dw)
    {
        // As NEST: the right-hand side sees V clamped at V_peak (a stage may overshoot it).
        v = Math.Min(v, _vPeak[j]);
        var leak = -_gl[j] * (v - VRest[j]);
        var spike = _dT[j] > 0 ? _gl[j] * _dT[j] * Math.Exp((v - VThresh[j]) / _dT[j]) : 0.0;
        dv = held ? 0.0 : (leak + spike + current - w) / _cm[j];
        dw = (_a[j] * (v - VRest[j]) - w) / _tauW[j];
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        if (CurrentInput) d["weights"] = _wIn.ToJson();
        else
        {
            d["weights_in"] = _wIn.ToJson();
            d["weights_rec"] = _wRec!.ToJson();
            d["delay_in"] = DelayIn;
            d["delay_rec"] = DelayRec;
            d["tau_syn"] = TauSyn is null ? null : ModelDict.PerNeuron(TauSyn);
            d["tau_syn_exc"] = TauSynExc is null ? null : ModelDict.PerNeuron(TauSynExc);
            d["tau_syn_inh"] = TauSynInh is null ? null : ModelDict.PerNeuron(TauSynInh);
        }
        d["bias"] = ModelDict.PerNeuron(Bias);
        d["tau_mem"] = ModelDict.PerNeuron(TauMem);
        d["capacity"] = Capacity is null ? null : ModelDict.PerNeuron(Capacity);
        d["v_thresh"] = ModelDict.PerNeuron(VThresh);
        d["v_reset"] = ModelDict.PerNeuron(VReset);
        d["v_rest"] = ModelDict.PerNeuron(VRest);
        d["refractory"] = Refractory;
        if (Adaptive)
        {
            d["conductance"] = Conductance is null ? null : ModelDict.PerNeuron(Conductance);
            d["subthresh_adapt"] = ModelDict.PerNeuron(SubthreshAdapt!);
            d["spike_adapt"] = ModelDict.PerNeuron(SpikeAdapt!);
            d["delta_t"] = ModelDict.PerNeuron(DeltaT!);
            d["tau_adapt"] = ModelDict.PerNeuron(TauAdapt!);
        }
        d["record"] = Record;
        d["num_cores"] = NumCores;
        return d;
    }
}
