using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's <c>RecFSSpikeEulerBT</c>: the Denève tight E/I balance reservoir, LIF neurons with
/// fast and slow recurrent exponential current synapses and a precise-time spike solver. Currents
/// in volts (R·I); the input (port "input", N channels, no input weights) is added to the membrane.
///
/// Equations (SI):
///   τ_mem dV/dt   = v_rest − V + I_S + I_F + I_ext(t) + b + σ·ξ
///   τ_syn_r_slow dI_S/dt = −I_S,   τ_syn_r_fast dI_F/dt = −I_F
///   V &gt; v_thresh → spike of j at its interpolated crossing time; V_j ← v_reset, j refractory for
///   `refractory` seconds; I_S += W_slow[:, j], I_F += W_fast[:, j]  (W is [post, pre], digest §1).
/// Integration: forward Euler for V, I_S and I_F with back-step to the spike time. Inside step k
/// (the interval [k·dt, (k+1)·dt), the fixed-step interface), from local time s = 0:
///   1. one Euler step of length h = (k+1)·dt − t: x' = x + h·ẋ(x);
///   2. neurons with V' &gt; v_thresh cross at δ_j = (v_thresh − V_j)·h / (V'_j − V_j); only the
///      earliest is accepted, at δ = max(min_j δ_j, dt/10) (clipped to h): all states are rewound
///      to t + δ (an Euler step of length δ, Euler being linear in h), the neuron is reset, its
///      columns are added, and integration resumes from t + δ (back to 1);
///   3. with no crossing the step ends at (k+1)·dt.
/// So at most one spike is accepted per Euler step, and several neurons may fire within one dt,
/// each at its own time. Rockpool's solver resumes with a full dt after a spike, crossing the grid;
/// here each Euler step ends on the grid so the model keeps the one-call-per-dt contract.
/// The noise draw σ·ξ (ξ ~ N(0, 1), one per neuron and dt) is held over the step, as Rockpool adds
/// σ·N(0, 1) to each input sample. Refractoriness counts in continuous time (precise spike times):
/// a neuron whose refractory time is still running at the start of an Euler step keeps V.
/// Only real spikes are emitted: Rockpool 1.0.7's channel −1 "no spike" records (digest §12.5) are not.
/// Spikes of step k are stamped (k+1)·dt (the contract); their precise times are in
/// <see cref="LastStepSpikeTimes"/> and are passed to <see cref="SpikeCallback"/>.
/// State: v_mem (initially v_rest), i_syn_slow, i_syn_fast, refractory_left (seconds).
/// </summary>
public sealed class RecFSSpikeEulerBT : ZooLayer
{
    /// <summary>Rockpool's default refractory period, −eps: no refractoriness.</summary>
    public const double NoRefractory = -2.220446049250313e-16;

    private readonly DenseMatrix _wFast;
    private readonly DenseMatrix _wSlow;
    private readonly double[] _drive;
    private readonly double[] _vNext;
    private readonly List<(int Neuron, double Time)> _stepSpikes = new();
    private readonly List<int> _sorted = new();

    public RecFSSpikeEulerBT(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        _wFast = RequiredMatrix(p, "weights_fast");
        _wSlow = RequiredMatrix(p, "weights_slow");
        if (_wFast.Rows != _wFast.Cols) throw new ModelParameterException("weights_fast", $"'weights_fast' must be square (N×N), got {_wFast.Rows}×{_wFast.Cols}");
        if (_wSlow.Rows != _wFast.Rows || _wSlow.Cols != _wFast.Cols)
            throw new ModelParameterException("weights_slow", $"'weights_slow' must be {_wFast.Rows}×{_wFast.Cols} like 'weights_fast', got {_wSlow.Rows}×{_wSlow.Cols}");
        var n = ResolveSize(_wFast.Rows, "weights_fast");
        Ports = [new InputPort("input", PortKind.Current, n)];

        Bias = p.PerNeuron("bias", 0.0, n);
        NoiseStd = NonNegative(p.Scalar("noise_std", 0.0), "noise_std");
        TauMem = Positive(p.PerNeuron("tau_mem", 0.02, n), "tau_mem");
        TauSynFast = Positive(p.PerNeuron("tau_syn_r_fast", 0.001, n), "tau_syn_r_fast");
        TauSynSlow = Positive(p.PerNeuron("tau_syn_r_slow", 0.1, n), "tau_syn_r_slow");
        VThresh = p.PerNeuron("v_thresh", -0.055, n);
        VReset = p.PerNeuron("v_reset", -0.065, n);
        VRest = p.PerNeuron("v_rest", -0.065, n);
        Refractory = p.Scalar("refractory", NoRefractory);
        if (double.IsNaN(Refractory) || double.IsInfinity(Refractory)) throw new ModelParameterException("refractory", $"'refractory' must be a number of seconds, got {Refractory}");
        MinDelta = dt / 10;

        _drive = new double[n];
        _vNext = new double[n];
        VMem = AddState("v_mem", n);
        ISynSlow = AddState("i_syn_slow", n);
        ISynFast = AddState("i_syn_fast", n);
        RefractoryLeft = AddState("refractory_left", n);
        Noise = new BlockNoise(n, streams);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public double[] Bias { get; }
    public double NoiseStd { get; }
    public double[] TauMem { get; }
    public double[] TauSynFast { get; }
    public double[] TauSynSlow { get; }
    public double[] VThresh { get; }
    public double[] VReset { get; }
    public double[] VRest { get; }
    public double Refractory { get; }

    /// <summary>The shortest interval between an Euler step's start and an accepted spike (Rockpool's min_delta, dt/10).</summary>
    public double MinDelta { get; }

    public DenseMatrix WeightsFast => _wFast;
    public DenseMatrix WeightsSlow => _wSlow;

    public double[] VMem { get; }
    public double[] ISynSlow { get; }
    public double[] ISynFast { get; }

    /// <summary>Refractory time left per neuron, in seconds (≤ 0: free).</summary>
    public double[] RefractoryLeft { get; }

    /// <summary>
    /// Rockpool's <c>spike_callback(layer, t, j)</c>: called for every accepted spike with its precise
    /// time in seconds and the neuron, e.g. for learning rules. Not part of <see cref="ToDict"/>.
    /// </summary>
    public Action<RecFSSpikeEulerBT, double, int>? SpikeCallback { get; set; }

    /// <summary>The spikes of the last step as (neuron, precise time in seconds), in time order.</summary>
    public IReadOnlyList<(int Neuron, double Time)> LastStepSpikeTimes => _stepSpikes;

    /// <summary>Rockpool's reset_state: V at rest, currents zero, no refractoriness.</summary>
    public override void ResetState()
    {
        Array.Copy(VRest, VMem, Size);
        Array.Clear(ISynSlow);
        Array.Clear(ISynFast);
        Array.Clear(RefractoryLeft);
        _stepSpikes.Clear();
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        var n = Size;
        var input = portInput[0];
        for (var j = 0; j < n; j++)
            _drive[j] = input[j] + Bias[j] + VRest[j] + (NoiseStd > 0 ? NoiseStd * Noise!.Gaussian(j) : 0.0);

        _stepSpikes.Clear();
        var t0 = step * Dt;
        var s = 0.0; // local time in the step
        while (true)
        {
            var h = Dt - s;
            if (h <= Dt * 1e-12) break;
            // Trial Euler step of length h; find the earliest threshold crossing.
            var first = -1;
            var firstDelta = double.PositiveInfinity;
            for (var j = 0; j < n; j++)
            {
                var v = VMem[j];
                var vNext = RefractoryLeft[j] > 0 ? v : v + h / TauMem[j] * (_drive[j] - v + ISynSlow[j] + ISynFast[j]);
                _vNext[j] = vNext;
                if (vNext > VThresh[j])
                {
                    var delta = vNext > v ? (VThresh[j] - v) * h / (vNext - v) : 0.0;
                    if (delta < firstDelta)
                    {
                        firstDelta = delta;
                        first = j;
                    }
                }
            }
            if (first < 0)
            {
                Advance(h, _vNext);
                break;
            }
            // Back-step: the accepted spike time, at least MinDelta after the Euler step's start.
            var d = Math.Min(h, Math.Max(firstDelta, MinDelta));
            Advance(d, null);
            s += d;
            VMem[first] = VReset[first];
            RefractoryLeft[first] = Refractory;
            for (var i = 0; i < n; i++)
            {
                ISynSlow[i] += _wSlow[i, first];
                ISynFast[i] += _wFast[i, first];
            }
            var time = t0 + s;
            _stepSpikes.Add((first, time));
            SpikeCallback?.Invoke(this, time, first);
        }

        _sorted.Clear();
        foreach (var (neuron, _) in _stepSpikes) _sorted.Add(neuron);
        _sorted.Sort();
        spikes.AddRange(_sorted);
    }

    /// <summary>Advances every state by an Euler step of length <paramref name="h"/> (V from <paramref name="vFull"/> when h is the full trial step).</summary>
    private void Advance(double h, double[]? vFull)
    {
        for (var j = 0; j < Size; j++)
        {
            var v = VMem[j];
            if (RefractoryLeft[j] > 0) RefractoryLeft[j] -= h;
            else VMem[j] = vFull is not null ? vFull[j] : v + h / TauMem[j] * (_drive[j] - v + ISynSlow[j] + ISynFast[j]);
            ISynSlow[j] -= h / TauSynSlow[j] * ISynSlow[j];
            ISynFast[j] -= h / TauSynFast[j] * ISynFast[j];
        }
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["weights_fast"] = _wFast.ToJson();
        d["weights_slow"] = _wSlow.ToJson();
        d["bias"] = ModelDict.PerNeuron(Bias);
        d["noise_std"] = NoiseStd;
        d["tau_mem"] = ModelDict.PerNeuron(TauMem);
        d["tau_syn_r_fast"] = ModelDict.PerNeuron(TauSynFast);
        d["tau_syn_r_slow"] = ModelDict.PerNeuron(TauSynSlow);
        d["v_thresh"] = ModelDict.PerNeuron(VThresh);
        d["v_reset"] = ModelDict.PerNeuron(VReset);
        d["v_rest"] = ModelDict.PerNeuron(VRest);
        d["refractory"] = Refractory;
        return d;
    }
}
