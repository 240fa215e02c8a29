using System.Runtime.CompilerServices;
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
/// time (Vector256; the exponential by <see cref="LaneMath.Exp"/>, relative error ≤ 10⁻⁶), rows padded to a multiple of 8, dt/τ_mem and 1/Δ_T precomputed.
/// The drive holds voltage jumps in tiles like the state: drive[16·(k/8) + k mod 8] excitatory, 8 further inhibitory.
/// </summary>
public sealed class AdExNeurons : IBoardNeurons
{
    public const int MismatchParameters = 9;

    // rows of the block: parameters, then state
    private const int DtOverTau = 0, DecayExc = 1, DecayInh = 2, Bias = 3, RefSteps = 4, VThresh = 5, VPeak = 6,
        Adapt = 7, DecayW = 8, DeltaT = 9, InvDeltaT = 10, Vmem = 11, IExc = 12, IInh = 13, W = 14, Timer = 15, Rows = 16;

    private readonly LaneState _lanes;
    private readonly float[] _data, _baseWeight; // _baseWeight[2k] excitatory, [2k + 1] inhibitory, V

    public AdExNeurons(double dt, VirtualDynapseParameters p, IReadOnlyList<int> cores, IReadOnlyList<bool> tau2, IReadOnlyList<double[]> factors)
    {
        if (!(dt > 0)) throw new ArgumentException($"the step must be > 0, got {dt}");
        Dt = dt;
        Count = cores.Count;
        var l = _lanes = new LaneState(Count, Rows);
        _data = l.Data;
        _baseWeight = new float[2 * Count];
        for (var k = 0; k < Count; k++)
        {
            var c = cores[k];
            var f = factors[k];
            l[DtOverTau, k] = (float)(dt / Math.Max(dt, p[tau2[k] ? "tau_mem_2" : "tau_mem_1", c] * f[0]));
            l[DecayExc, k] = Decay(dt, p["tau_syn_exc", c] * f[1]);
            l[DecayInh, k] = Decay(dt, p["tau_syn_inh", c] * f[2]);
            _baseWeight[2 * k] = (float)p["baseweight_e", c];
            _baseWeight[2 * k + 1] = (float)p["baseweight_i", c];
            l[Bias, k] = (float)(p["bias", c] * f[3]);
            l[RefSteps, k] = (float)(p["refractory", c] * f[4] / dt);
            l[VThresh, k] = (float)(p["v_thresh", c] * f[5]);
            l[Adapt, k] = (float)(p["spike_adapt", c] * f[6]);
            l[DecayW, k] = Decay(dt, p["tau_adapt", c] * f[7]);
            var deltaT = p["delta_t", c] * f[8];
            l[DeltaT, k] = (float)deltaT;
            l[InvDeltaT, k] = deltaT > 0 ? (float)(1 / deltaT) : 0; // Δ_T = 0: Δ_T·e⁰ = 0, no exponential term
            l[VPeak, k] = deltaT != 0 ? (float)(p["v_thresh", c] * f[5] + 0.01) : l[VThresh, k];
        }
        l.FillPadding(0, Vmem);
        l.Name("v_mem", Vmem, 1); l.Name("i_syn_exc", IExc, 1); l.Name("i_syn_inh", IInh, 1); l.Name("w_adapt", W, 1); l.Name("refractory_left", Timer, 1);
    }

    private static float Decay(double dt, double tau) => tau > 0 ? (float)Math.Exp(-dt / tau) : 0;

    public int Count { get; }

    public double Dt { get; }

    public int DriveLength => 2 * _lanes.Padded;

    public int DriveIndex(SynapseType type, int k) => (k / Lanes) * 2 * Lanes + (type is SynapseType.SlowExc or SynapseType.FastExc ? 0 : Lanes) + k % Lanes;

    /// <summary>The base weight of the neuron's core for the type's sign, V.</summary>
    public float DriveIncrement(SynapseType type, int k) => _baseWeight[2 * k + (type is SynapseType.SlowExc or SynapseType.FastExc ? 0 : 1)];

    public IReadOnlyList<string> StateNames => _lanes.Names;

    public double[] Read(string name) => _lanes.Read(name);

    public void Write(string name, ReadOnlySpan<double> values) => _lanes.Write(name, values);

    public void Reset()
    {
        _lanes.Fill(Vmem, Rows - Vmem, 0);
    }

    public void Step(Span<float> drive, List<int> spikes)
    {
        if (drive.Length < DriveLength) throw new ArgumentException($"the drive has {drive.Length} entries, the neurons need {DriveLength}");
        var data = _data; // in a local: the kernel's stores may alias fields
        for (var k = 0; k < Count; k += Lanes)
        {
            var bits = StepLanes(ref At(data, k * Rows), ref At(drive, 2 * k)); // the tiles of neurons k…k+7 (k a multiple of 8)
            if (bits == 0) continue;
            bits &= _lanes.RealLanes(k);
            for (var lane = 0; bits != 0; lane++, bits >>= 1)
                if ((bits & 1) != 0) spikes.Add(k + lane);
        }
    }

    /// <summary>Eight neurons: their tile <paramref name="at"/> (row r at r·8) and drive tile <paramref name="dr"/>, with masks for
    /// refractoriness and spikes; returns the spike bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint StepLanes(ref float at, ref float dr)
    {
        const int p = Lanes;
        var iExc = L(ref at, IExc * p) * L(ref at, DecayExc * p) + L(ref dr, 0);
        var iInh = L(ref at, IInh * p) * L(ref at, DecayInh * p) + L(ref dr, p);
        S(Vector256<float>.Zero, ref dr, 0); S(Vector256<float>.Zero, ref dr, p); // the drive is consumed
        var w = L(ref at, W * p) * L(ref at, DecayW * p);
        var timer = L(ref at, Timer * p);
        var refractory = Vector256.GreaterThan(timer, Vector256<float>.Zero);
        var v = L(ref at, Vmem * p);
        var peak = L(ref at, VPeak * p);
        var exp = L(ref at, DeltaT * p) * LaneMath.Exp((Vector256.MinNative(v, peak) - L(ref at, VThresh * p)) * L(ref at, InvDeltaT * p));
        v += L(ref at, DtOverTau * p) * (exp - v + iExc - iInh + L(ref at, Bias * p) - w);
        var spike = Vector256.AndNot(Vector256.GreaterThanOrEqual(v, peak), refractory);
        var bits = spike.ExtractMostSignificantBits();
        v = Vector256.AndNot(v, refractory); // V clamped at 0 while refractory
        timer -= refractory & Vector256<float>.One; // −1 on refractory lanes, −0 (exact) elsewhere
        if (bits != 0) // a few vectors per step
        {
            v = Vector256.AndNot(v, spike);
            w = Vector256.ConditionalSelect(spike, w + L(ref at, Adapt * p), w);
            timer = Vector256.ConditionalSelect(spike, L(ref at, RefSteps * p), timer);
        }
        S(iExc, ref at, IExc * p); S(iInh, ref at, IInh * p); S(w, ref at, W * p); S(timer, ref at, Timer * p); S(v, ref at, Vmem * p);
        return bits;
    }
}
