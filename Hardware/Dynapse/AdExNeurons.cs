using System.Runtime.Intrinsics;
using static EventSpike.Hardware.Dynapse.LaneState;

namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// Rockpool 1's VirtualDynapse dynamics (rockpool-digest §9.3): NEST's aeif_psc_exp with
/// V_rest = V_reset = 0 and no subthreshold adaptation (a = 0), in units of volts (currents are
/// expressed as the voltage they drive through the membrane resistance):
///   τ_mem dV/dt = −V + Δ_T·exp((V − v_thresh)/Δ_T) + I_exc − I_inh + bias − w
///   τ_syn,exc dI_exc/dt = −I_exc,  τ_syn,inh dI_inh/dt = −I_inh,  τ_adapt dw/dt = −w
/// An incoming connection adds count × baseweight of the post core × its mismatch factor to I_exc or
/// I_inh (excitatory: NMDA/AMPA codes; inhibitory: GABA codes). A spike when V ≥ V_peak
/// (v_thresh + 0.01 when Δ_T ≠ 0, else v_thresh): V ← 0, w ← w + spike_adapt, refractory for
/// `refractory` (V clamped at 0). Integration per step dt: synaptic currents and w decay exactly
/// (by the factor e^{−dt/τ}, fixed per neuron), V by forward Euler (exponential term capped at V_peak);
/// inputs of a step act from that step. Mismatch multiplies, per neuron, tau_mem, tau_syn_exc,
/// tau_syn_inh, bias, refractory, v_thresh, spike_adapt, tau_adapt and delta_t (factor indices 0–8).
/// Numerics: float32 (volts of order 10⁻²; relative rounding 6·10⁻⁸ per operation), eight neurons at a
/// time (Vector256, vectorised exp), rows padded to a multiple of 8, dt/τ_mem and 1/Δ_T precomputed.
/// The drive holds voltage jumps in two rows: drive[0·P + k] excitatory, drive[1·P + k] inhibitory.
/// </summary>
public sealed class AdExNeurons : IBoardNeurons
{
    public const int MismatchParameters = 9;

    private readonly LaneState _lanes;
    private readonly int _p;
    private readonly float[] _dtOverTau, _decayExc, _decayInh, _wExc, _wInh, _bias, _refSteps, _vThresh, _vPeak, _adapt, _decayW, _deltaT, _invDeltaT;
    private readonly float[] _v, _iExc, _iInh, _w, _timer;

    public AdExNeurons(double dt, VirtualDynapseParameters p, IReadOnlyList<int> cores, IReadOnlyList<bool> tau2, IReadOnlyList<double[]> factors)
    {
        if (!(dt > 0)) throw new ArgumentException($"the step must be > 0, got {dt}");
        Dt = dt;
        Count = cores.Count;
        var l = _lanes = new LaneState(Count);
        _p = l.Padded;
        _dtOverTau = l.Array(); _decayExc = l.Array(); _decayInh = l.Array(); _wExc = l.Array(); _wInh = l.Array(); _bias = l.Array(); _refSteps = l.Array();
        _vThresh = l.Array(); _vPeak = l.Array(); _adapt = l.Array(); _decayW = l.Array(); _deltaT = l.Array(); _invDeltaT = l.Array();
        for (var k = 0; k < Count; k++)
        {
            var c = cores[k];
            var f = factors[k];
            _dtOverTau[k] = (float)(dt / Math.Max(dt, p[tau2[k] ? "tau_mem_2" : "tau_mem_1", c] * f[0]));
            _decayExc[k] = Decay(dt, p["tau_syn_exc", c] * f[1]);
            _decayInh[k] = Decay(dt, p["tau_syn_inh", c] * f[2]);
            _wExc[k] = (float)p["baseweight_e", c];
            _wInh[k] = (float)p["baseweight_i", c];
            _bias[k] = (float)(p["bias", c] * f[3]);
            _refSteps[k] = (float)(p["refractory", c] * f[4] / dt);
            _vThresh[k] = (float)(p["v_thresh", c] * f[5]);
            _adapt[k] = (float)(p["spike_adapt", c] * f[6]);
            _decayW[k] = Decay(dt, p["tau_adapt", c] * f[7]);
            var deltaT = p["delta_t", c] * f[8];
            _deltaT[k] = (float)deltaT;
            _invDeltaT[k] = deltaT > 0 ? (float)(1 / deltaT) : 0; // Δ_T = 0: Δ_T·e⁰ = 0, no exponential term
            _vPeak[k] = deltaT != 0 ? (float)(p["v_thresh", c] * f[5] + 0.01) : _vThresh[k];
        }
        foreach (var a in new[] { _dtOverTau, _decayExc, _decayInh, _wExc, _wInh, _bias, _refSteps, _vThresh, _vPeak, _adapt, _decayW, _deltaT, _invDeltaT })
            l.FillPadding(a);
        _v = l.Named("v_mem", 1); _iExc = l.Named("i_syn_exc", 1); _iInh = l.Named("i_syn_inh", 1); _w = l.Named("w_adapt", 1); _timer = l.Named("refractory_left", 1);
    }

    private static float Decay(double dt, double tau) => tau > 0 ? (float)Math.Exp(-dt / tau) : 0;

    public int Count { get; }

    public double Dt { get; }

    public int DriveLength => 2 * _p;

    public int DriveIndex(SynapseType type, int k) => (type is SynapseType.SlowExc or SynapseType.FastExc ? 0 : _p) + k;

    /// <summary>The base weight of the neuron's core for the type's sign, V.</summary>
    public float DriveIncrement(SynapseType type, int k) => type is SynapseType.SlowExc or SynapseType.FastExc ? _wExc[k] : _wInh[k];

    public IReadOnlyList<string> StateNames => _lanes.Names;

    public double[] Read(string name) => _lanes.Read(name);

    public void Write(string name, ReadOnlySpan<double> values) => _lanes.Write(name, values);

    public void Reset()
    {
        Array.Clear(_v); Array.Clear(_iExc); Array.Clear(_iInh); Array.Clear(_w); Array.Clear(_timer);
    }

    public void Step(ReadOnlySpan<float> drive, List<int> spikes)
    {
        if (drive.Length < DriveLength) throw new ArgumentException($"the drive has {drive.Length} entries, the neurons need {DriveLength}");
        for (var k = 0; k < Count; k += Lanes)
        {
            var bits = StepLanes(k, drive) & _lanes.RealLanes(k);
            for (var lane = 0; bits != 0; lane++, bits >>= 1)
                if ((bits & 1) != 0) spikes.Add(k + lane);
        }
    }

    /// <summary>Neurons k … k+7, with masks for refractoriness and spikes; returns the spike bits.</summary>
    private uint StepLanes(int k, ReadOnlySpan<float> drive)
    {
        var zero = Vector256<float>.Zero;
        var iExc = V(_iExc, k) * V(_decayExc, k) + V(drive, k);
        var iInh = V(_iInh, k) * V(_decayInh, k) + V(drive, _p + k);
        var w = V(_w, k) * V(_decayW, k);
        var timer = V(_timer, k);
        var refractory = Vector256.GreaterThan(timer, zero);
        var v = V(_v, k);
        var peak = V(_vPeak, k);
        var exp = V(_deltaT, k) * Vector256.Exp((Vector256.Min(v, peak) - V(_vThresh, k)) * V(_invDeltaT, k));
        v += V(_dtOverTau, k) * (exp - v + iExc - iInh + V(_bias, k) - w);
        var spike = Vector256.AndNot(Vector256.GreaterThanOrEqual(v, peak), refractory);
        v = Vector256.ConditionalSelect(refractory | spike, zero, v);
        w = Vector256.ConditionalSelect(spike, w + V(_adapt, k), w);
        timer = Vector256.ConditionalSelect(refractory, timer - Vector256<float>.One, Vector256.ConditionalSelect(spike, V(_refSteps, k), timer));
        Store(iExc, _iExc, k); Store(iInh, _iInh, k); Store(w, _w, k); Store(timer, _timer, k); Store(v, _v, k);
        return spike.ExtractMostSignificantBits();
    }
}
