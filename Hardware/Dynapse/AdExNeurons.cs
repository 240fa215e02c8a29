using System.Runtime.Intrinsics;

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
/// `refractory` (V clamped at 0). Integration per step dt: synaptic currents and w decay exactly,
/// V by forward Euler (exponential term capped at V_peak); inputs of a step act from that step.
/// Mismatch multiplies, per neuron, tau_mem, tau_syn_exc, tau_syn_inh, bias, refractory, v_thresh,
/// spike_adapt, tau_adapt and delta_t (factor indices 0–8). Computed four neurons at a time (Vector256) with a
/// scalar tail of the same update; currents are type-major in the drive: drive[type·N + k].
/// </summary>
public sealed class AdExNeurons : IBoardNeurons
{
    public const int MismatchParameters = 9;

    private readonly double[] _tauMem, _decayExc, _decayInh, _wExc, _wInh, _bias, _refSteps, _vThresh, _vPeak, _adapt, _decayW, _deltaT;
    private readonly double[] _v, _iExc, _iInh, _w, _timer;
    private readonly Dictionary<string, double[]> _state;

    public AdExNeurons(double dt, VirtualDynapseParameters p, IReadOnlyList<int> cores, IReadOnlyList<bool> tau2, IReadOnlyList<double[]> factors)
    {
        if (!(dt > 0)) throw new ArgumentException($"the step must be > 0, got {dt}");
        Dt = dt;
        var n = Count = cores.Count;
        double[] A() => new double[n];
        _tauMem = A(); _decayExc = A(); _decayInh = A(); _wExc = A(); _wInh = A(); _bias = A(); _refSteps = A();
        _vThresh = A(); _vPeak = A(); _adapt = A(); _decayW = A(); _deltaT = A();
        for (var k = 0; k < n; k++)
        {
            var c = cores[k];
            var f = factors[k];
            _tauMem[k] = Math.Max(dt, p[tau2[k] ? "tau_mem_2" : "tau_mem_1", c] * f[0]);
            _decayExc[k] = Decay(dt, p["tau_syn_exc", c] * f[1]);
            _decayInh[k] = Decay(dt, p["tau_syn_inh", c] * f[2]);
            _wExc[k] = p["baseweight_e", c];
            _wInh[k] = p["baseweight_i", c];
            _bias[k] = p["bias", c] * f[3];
            _refSteps[k] = p["refractory", c] * f[4] / dt;
            _vThresh[k] = p["v_thresh", c] * f[5];
            _adapt[k] = p["spike_adapt", c] * f[6];
            _decayW[k] = Decay(dt, p["tau_adapt", c] * f[7]);
            _deltaT[k] = p["delta_t", c] * f[8];
            _vPeak[k] = _deltaT[k] != 0 ? _vThresh[k] + 0.01 : _vThresh[k];
        }
        _v = A(); _iExc = A(); _iInh = A(); _w = A(); _timer = A();
        _state = new() { ["v_mem"] = _v, ["i_syn_exc"] = _iExc, ["i_syn_inh"] = _iInh, ["w_adapt"] = _w, ["refractory_left"] = _timer };
    }

    private static double Decay(double dt, double tau) => tau > 0 ? Math.Exp(-dt / tau) : 0;

    public int Count { get; }

    public double Dt { get; }

    public IReadOnlyDictionary<string, double[]> State => _state;

    public void Reset()
    {
        Array.Clear(_v); Array.Clear(_iExc); Array.Clear(_iInh); Array.Clear(_w); Array.Clear(_timer);
    }

    public void Step(ReadOnlySpan<double> drive, List<int> spikes)
    {
        var k = 0;
        for (; k <= Count - 4; k += 4) StepVector(k, drive, spikes);
        for (; k < Count; k++) StepScalar(k, drive, spikes);
    }

    /// <summary>Four neurons at once: the update of <see cref="StepScalar"/> with masks for refractoriness and spikes.</summary>
    private void StepVector(int k, ReadOnlySpan<double> drive, List<int> spikes)
    {
        var n = Count;
        var zero = Vector256<double>.Zero;
        var iExc = V(_iExc, k) * V(_decayExc, k) + V(_wExc, k) * (Vector256.Create(drive[(2 * n + k)..]) + Vector256.Create(drive[(3 * n + k)..]));
        var iInh = V(_iInh, k) * V(_decayInh, k) + V(_wInh, k) * (Vector256.Create(drive[k..]) + Vector256.Create(drive[(n + k)..]));
        var w = V(_w, k) * V(_decayW, k);
        var timer = V(_timer, k);
        var refractory = Vector256.GreaterThan(timer, zero);
        var v = V(_v, k);
        var dT = V(_deltaT, k);
        var peak = V(_vPeak, k);
        var exp = Vector256.ConditionalSelect(Vector256.GreaterThan(dT, zero), dT * Vector256.Exp((Vector256.Min(v, peak) - V(_vThresh, k)) / dT), zero);
        v += Vector256.Create(Dt) / V(_tauMem, k) * (exp - v + iExc - iInh + V(_bias, k) - w);
        var spike = Vector256.AndNot(Vector256.GreaterThanOrEqual(v, peak), refractory);
        v = Vector256.ConditionalSelect(refractory | spike, zero, v);
        w = Vector256.ConditionalSelect(spike, w + V(_adapt, k), w);
        timer = Vector256.ConditionalSelect(refractory, timer - Vector256.Create(1.0), Vector256.ConditionalSelect(spike, V(_refSteps, k), timer));
        iExc.CopyTo(_iExc.AsSpan(k)); iInh.CopyTo(_iInh.AsSpan(k)); w.CopyTo(_w.AsSpan(k)); timer.CopyTo(_timer.AsSpan(k)); v.CopyTo(_v.AsSpan(k));
        var bits = spike.ExtractMostSignificantBits();
        for (var lane = 0; bits != 0; lane++, bits >>= 1)
            if ((bits & 1) != 0) spikes.Add(k + lane);
    }

    private static Vector256<double> V(double[] a, int k) => Vector256.Create(a.AsSpan(k));

    private void StepScalar(int k, ReadOnlySpan<double> drive, List<int> spikes)
    {
        var n = Count;
        _iExc[k] = _iExc[k] * _decayExc[k] + _wExc[k] * (drive[2 * n + k] + drive[3 * n + k]);
        _iInh[k] = _iInh[k] * _decayInh[k] + _wInh[k] * (drive[k] + drive[n + k]);
        _w[k] *= _decayW[k];
        if (_timer[k] > 0)
        {
            _timer[k] -= 1;
            _v[k] = 0;
            return;
        }
        var v = _v[k];
        var dT = _deltaT[k];
        var exp = dT > 0 ? dT * Math.Exp((Math.Min(v, _vPeak[k]) - _vThresh[k]) / dT) : 0;
        v += Dt / _tauMem[k] * (exp - v + _iExc[k] - _iInh[k] + _bias[k] - _w[k]);
        if (v >= _vPeak[k])
        {
            v = 0;
            _w[k] += _adapt[k];
            _timer[k] = _refSteps[k];
            spikes.Add(k);
        }
        _v[k] = v;
    }
}
