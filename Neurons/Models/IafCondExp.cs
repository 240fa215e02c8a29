using System.Text.Json.Nodes;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// Conductance-based LIF with exponential conductances ("iaf_cond_exp"; Brette et al. 2007
/// benchmark 1, Brian's COBA.py). Conductances are in units of the leak conductance.
///
/// Equations (SI; V in volts):
///   τ_mem dV/dt = −(V − v_rest) + g_exc·(e_rev_exc − V) + g_inh·(e_rev_inh − V) + bias + I_in(t)
///   τ_syn_exc dg_exc/dt = −g_exc,  τ_syn_inh dg_inh/dt = −g_inh
///   spikes on "exc" / "inh" add their (positive) weight to g_exc / g_inh;
///   V &gt; v_thresh → spike, V ← v_reset, held round(refractory/dt) steps while conductances decay.
/// Integration: exponential Euler for V (conductances frozen at their start-of-step value, then the
/// linear equation solved exactly over the step: g = 1 + g_exc + g_inh,
/// V∞ = (v_rest + bias + I_in + g_exc·e_rev_exc + g_inh·e_rev_inh)/g, V' = V∞ + (V − V∞)·e^(−g·dt/τ_mem));
/// exact decay for the conductances. With AVX2 a step is one pass four neurons at a time (VectorExp.Exp, the runtime's
/// Vector256.Exp inlined); without, three passes with the exponentials of the range taken together (TensorPrimitives.Exp).
/// On one machine both give the same bits (same operations in the same order, and TensorPrimitives.Exp is Vector256.Exp
/// lane by lane).
/// </summary>
public sealed class IafCondExp : NestIntegrateAndFire, IPartitionedModel
{
    public const string TypeName = "iaf_cond_exp";

    private readonly double _sExc, _sInh;
    private readonly int _refractorySteps;
    private readonly double[] _gExcInit, _gInhInit;
    private readonly double[] _scratchExc, _scratchInh, _scratchDecay;

    public IafCondExp(int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(TypeName, size, dt, p, streams,
            [new InputPort("exc", PortKind.Spikes, size), new InputPort("inh", PortKind.Spikes, size), new InputPort("current", PortKind.Current, size)],
            new MembraneDefaults(VThresh: -0.05, VReset: -0.06, VRest: -0.06, Refractory: 0.005), "g_exc", "g_inh")
    {
        TauSynExc = Positive(p, "tau_syn_exc", 0.005);
        TauSynInh = Positive(p, "tau_syn_inh", 0.01);
        ERevExc = p.Scalar("e_rev_exc", 0.0);
        ERevInh = p.Scalar("e_rev_inh", -0.08);
        _refractorySteps = RefractorySteps;
        _sExc = Math.Exp(-dt / TauSynExc);
        _sInh = Math.Exp(-dt / TauSynInh);
        _gExcInit = Conductances(p, "g_exc", size, streams, 1);
        _gInhInit = Conductances(p, "g_inh", size, streams, 2);
        _scratchExc = new double[size];
        _scratchInh = new double[size];
        _scratchDecay = new double[size];
        GExc = Synaptic[0];
        GInh = Synaptic[1];
        ResetState();
    }

    public double TauSynExc { get; }
    public double TauSynInh { get; }
    public double ERevExc { get; }
    public double ERevInh { get; }

    public double[] GExc { get; }
    public double[] GInh { get; }

    public override void ResetState()
    {
        Array.Copy(VInit, VMem, Size);
        Array.Copy(_gExcInit, GExc, Size);
        Array.Copy(_gInhInit, GInh, Size);
        Array.Clear(RefractoryLeft);
    }

    public override void StepRange(long step, double[][] portInput, List<int> spikes, int from, int to)
    {
        if (Vector256.IsHardwareAccelerated && Avx.IsSupported && to - from >= Vector256<double>.Count) StepVectors(portInput, spikes, from, to);
        else StepPasses(portInput, spikes, from, to);
    }

    /// <summary>
    /// The step in one pass, four neurons at a time (AVX2): the arithmetic of <see cref="StepPasses"/> lane by lane,
    /// in the same order, and the same vector exponential (TensorPrimitives.Exp is Vector256.Exp lane by lane), so
    /// both give the same bits. The last 1–3 neurons go through the same vector code with the spare lanes unused.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepVectors(double[][] portInput, List<int> spikes, int from, int to)
    {
        ref var rExc = ref MemoryMarshal.GetArrayDataReference(portInput[0]);
        ref var rInh = ref MemoryMarshal.GetArrayDataReference(portInput[1]);
        ref var rCur = ref MemoryMarshal.GetArrayDataReference(portInput[2]);
        ref var rGe = ref MemoryMarshal.GetArrayDataReference(GExc);
        ref var rGi = ref MemoryMarshal.GetArrayDataReference(GInh);
        ref var rV = ref MemoryMarshal.GetArrayDataReference(VMem);
        ref var rR = ref MemoryMarshal.GetArrayDataReference(RefractoryLeft);
        var c = new Lanes(this);
        var last = to - Vector256<double>.Count;
        var j = from;
        var fired = FiredBuffer((to - from) >> 3);
        ref var rFired = ref MemoryMarshal.GetArrayDataReference(fired);
        // Eight neurons at a time: the two exponentials' long dependency chains interleaved (VectorExp.Exp of a pair),
        // so that one vector's chain runs while the other's waits; each lane's arithmetic is that of the single step.
        for (; j <= last - Vector256<double>.Count; j += 2 * Vector256<double>.Count)
        {
            var at = (nuint)j;
            var at2 = at + (nuint)Vector256<double>.Count;
            var e = Vector256.LoadUnsafe(ref rGe, at) + Vector256.LoadUnsafe(ref rExc, at);
            var e2 = Vector256.LoadUnsafe(ref rGe, at2) + Vector256.LoadUnsafe(ref rExc, at2);
            var i = Vector256.LoadUnsafe(ref rGi, at) + Vector256.LoadUnsafe(ref rInh, at);
            var i2 = Vector256.LoadUnsafe(ref rGi, at2) + Vector256.LoadUnsafe(ref rInh, at2);
            var (decay, decay2) = VectorExp.Exp(c.Exponent(e, i), c.Exponent(e2, i2));
            var bits = Finish(ref c, j, e, i, decay, ref rGe, ref rGi, ref rV, ref rR, ref rCur);
            var bits2 = Finish(ref c, j + Vector256<double>.Count, e2, i2, decay2, ref rGe, ref rGi, ref rV, ref rR, ref rCur);
            Unsafe.Add(ref rFired, (j - from) >> 3) = (byte)(bits | (bits2 << 4)); // no call in the loop: added below
        }
        AddFired(fired.AsSpan(0, (j - from) >> 3), from, spikes);
        for (; j <= last; j += Vector256<double>.Count)
        {
            var at = (nuint)j;
            var e = Vector256.LoadUnsafe(ref rGe, at) + Vector256.LoadUnsafe(ref rExc, at);
            var i = Vector256.LoadUnsafe(ref rGi, at) + Vector256.LoadUnsafe(ref rInh, at);
            AddSpikes(spikes, j, Finish(ref c, j, e, i, VectorExp.Exp(c.Exponent(e, i)), ref rGe, ref rGi, ref rV, ref rR, ref rCur));
        }
        if (j == to) return;
        // The last 1–3 neurons: the vector ending at `to` overlaps the one before; its lanes below j are done
        // already, so they are computed again from the stored values and only the fresh lanes are written.
        var end = (nuint)last;
        var fresh = Vector256.GreaterThan(Vector256.Create(0.0, 1.0, 2.0, 3.0), Vector256.Create(j - last - 0.5));
        var ge = Vector256.LoadUnsafe(ref rGe, end);
        var gi = Vector256.LoadUnsafe(ref rGi, end);
        var v = Vector256.LoadUnsafe(ref rV, end);
        var rl = Vector256.LoadUnsafe(ref rR, end);
        var et = ge + Vector256.LoadUnsafe(ref rExc, end);
        var it = gi + Vector256.LoadUnsafe(ref rInh, end);
        var (vt, heldt, firet) = c.Membrane(et, it, v, rl, Vector256.LoadUnsafe(ref rCur, end), VectorExp.Exp(c.Exponent(et, it)));
        firet &= fresh;
        heldt &= fresh;
        Vector256.ConditionalSelect(fresh, et * c.SExc, ge).StoreUnsafe(ref rGe, end);
        Vector256.ConditionalSelect(fresh, it * c.SInh, gi).StoreUnsafe(ref rGi, end);
        Vector256.ConditionalSelect(heldt | firet, c.Reset, Vector256.ConditionalSelect(fresh, vt, v)).StoreUnsafe(ref rV, end);
        Vector256.ConditionalSelect(firet, c.Hold, Vector256.ConditionalSelect(heldt, rl - c.One, rl)).StoreUnsafe(ref rR, end);
        AddSpikes(spikes, last, firet);
    }

    /// <summary>Four neurons from <paramref name="j"/> on, given their conductances with this step's jumps and e^(−g·dt/τ_mem): decays, membrane, countdowns; the bits of the lanes that fired.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Finish(ref Lanes c, int j, Vector256<double> e, Vector256<double> i, Vector256<double> decay,
        ref double rGe, ref double rGi, ref double rV, ref double rR, ref double rCur)
    {
        var at = (nuint)j;
        var r = Vector256.LoadUnsafe(ref rR, at);
        var (vNew, held, fire) = c.Membrane(e, i, Vector256.LoadUnsafe(ref rV, at), r, Vector256.LoadUnsafe(ref rCur, at), decay);
        (e * c.SExc).StoreUnsafe(ref rGe, at);
        (i * c.SInh).StoreUnsafe(ref rGi, at);
        // Lanes are all ones or all zeros: the blend (sign bit) selects as ConditionalSelect would, in one instruction.
        Avx.BlendVariable(vNew, c.Reset, held | fire).StoreUnsafe(ref rV, at);
        // The countdowns change only where a lane is held or fires (elsewhere they keep their value): most vectors skip the store.
        if ((held | fire).ExtractMostSignificantBits() != 0)
            Vector256.ConditionalSelect(fire, c.Hold, Vector256.ConditionalSelect(held, r - c.One, r)).StoreUnsafe(ref rR, at);
        return fire.ExtractMostSignificantBits();
    }

    private static void AddSpikes(List<int> spikes, int first, Vector256<double> fire) => AddSpikes(spikes, first, fire.ExtractMostSignificantBits());

    private static void AddSpikes(List<int> spikes, int first, uint fired)
    {
        for (var bits = fired; bits != 0; bits &= bits - 1)
            spikes.Add(first + System.Numerics.BitOperations.TrailingZeroCount(bits));
    }

    /// <summary>The step's constants in every lane, and the membrane update of four neurons.</summary>
    private readonly struct Lanes(IafCondExp m)
    {
        private readonly Vector256<double> _k = Vector256.Create(-m.Dt / m.TauMem), _eExc = Vector256.Create(m.ERevExc),
            _eInh = Vector256.Create(m.ERevInh), _rest = Vector256.Create(m.VRest + m.Bias), _thresh = Vector256.Create(m.VThresh);
        public readonly Vector256<double> SExc = Vector256.Create(m._sExc), SInh = Vector256.Create(m._sInh),
            Reset = Vector256.Create(m.VReset), Hold = Vector256.Create((double)m._refractorySteps), One = Vector256.Create(1.0);

        /// <summary>−g·dt/τ_mem, g = 1 + e + i: the exponent of the step's membrane decay.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> Exponent(Vector256<double> e, Vector256<double> i) => _k * (One + e + i);

        /// <summary>V' of four neurons with conductances e, i held over the step and decay = e^(−g·dt/τ_mem); held: refractory; fire: crossed threshold and not held.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (Vector256<double> VNew, Vector256<double> Held, Vector256<double> Fire) Membrane(
            Vector256<double> e, Vector256<double> i, Vector256<double> v, Vector256<double> r, Vector256<double> current, Vector256<double> decay)
        {
            var vInf = (_rest + current + e * _eExc + i * _eInh) / (One + e + i);
            var vNew = vInf + (v - vInf) * decay;
            var held = Vector256.GreaterThan(r, Vector256<double>.Zero);
            return (vNew, held, Vector256.AndNot(Vector256.GreaterThan(vNew, _thresh), held));
        }
    }

    /// <summary>The step in three passes over the range (without AVX2, or for fewer than four neurons).</summary>
    private void StepPasses(double[][] portInput, List<int> spikes, int from, int to)
    {
        var exc = portInput[0];
        var inh = portInput[1];
        var current = portInput[2];
        var v = VMem;
        var ge = GExc;
        var gi = GInh;
        var refractory = RefractoryLeft;
        var k = -Dt / TauMem;
        // Pass 1: conductances at the start of the step (with this step's jumps), and −g·dt/τ_mem.
        var gE = _scratchExc;
        var gI = _scratchInh;
        var decay = _scratchDecay;
        for (var j = from; j < to; j++)
        {
            var e = ge[j] + exc[j];
            var i = gi[j] + inh[j];
            gE[j] = e;
            gI[j] = i;
            ge[j] = e * _sExc;
            gi[j] = i * _sInh;
            decay[j] = k * (1 + e + i);
        }
        // Pass 2: e^(−g·dt/τ_mem) for the whole range at once (vectorised).
        TensorPrimitives.Exp(decay.AsSpan(from, to - from), decay.AsSpan(from, to - from));
        // Pass 3: the membrane.
        for (var j = from; j < to; j++)
        {
            if (refractory[j] > 0)
            {
                refractory[j]--;
                v[j] = VReset;
                continue;
            }
            var e = gE[j];
            var i = gI[j];
            var vInf = (VRest + Bias + current[j] + e * ERevExc + i * ERevInh) / (1 + e + i);
            var vNew = vInf + (v[j] - vInf) * decay[j];
            if (vNew > VThresh)
            {
                spikes.Add(j);
                vNew = VReset;
                refractory[j] = _refractorySteps;
            }
            v[j] = vNew;
        }
    }

    public override JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        d["tau_mem"] = TauMem;
        d["tau_syn_exc"] = TauSynExc;
        d["tau_syn_inh"] = TauSynInh;
        d["v_thresh"] = VThresh;
        d["v_reset"] = VReset;
        d["v_rest"] = VRest;
        d["e_rev_exc"] = ERevExc;
        d["e_rev_inh"] = ERevInh;
        d["bias"] = Bias;
        d["refractory"] = Refractory;
        d["v_init_values"] = ModelDict.PerNeuron(VInit);
        d["g_exc_init_values"] = ModelDict.PerNeuron(_gExcInit);
        d["g_inh_init_values"] = ModelDict.PerNeuron(_gInhInit);
        return d;
    }

    /// <summary>Initial conductances: <c>NAME_init_values</c>, or normal draws N(NAME_init_mean, NAME_init_std²) (default 0).</summary>
    private static double[] Conductances(LayerParameters p, string name, int size, Func<int, Xoshiro256StarStar> streams, int variable)
    {
        if (p.Has(name + "_init_values")) return p.PerNeuron(name + "_init_values", 0, size);
        var mean = p.Scalar(name + "_init_mean", 0);
        var std = p.Scalar(name + "_init_std", 0);
        var g = new double[size];
        InitialPotentials.Fill(g, streams, rng => mean + std * rng.NextGaussian(), variable);
        return g;
    }
}
