using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EventSpike.Neurons.Models;

/// <summary>The vector part of <see cref="IafPscExp"/>'s step (AVX2): the same operations per lane as the scalar loop.</summary>
public sealed partial class IafPscExp
{
    /// <summary>
    /// Neurons [from, j) in vectors, j returned: sixteen at a time in 512-bit vectors where <see cref="VectorBits"/> is 512,
    /// then eight at a time in 256-bit ones; the rest (fewer than eight) for the scalar loop. The variants skip the rows
    /// that are the engine's zero rows.
    /// </summary>
    private int StepVectorised(double[] exc, double[] inh, double[] current, List<int> spikes, int from, int to)
    {
        var noCurrent = ZeroRows.IsZero(current);
        var noRows = ZeroRows.IsZero(exc) && ZeroRows.IsZero(inh);
        var j = _vectorBits < 512 ? from : (noCurrent, noRows) switch
        {
            (true, true) => StepVectors512<NoCurrent, NoSynapticRows>(exc, inh, current, spikes, from, to),
            (true, false) => StepVectors512<NoCurrent, SynapticRows>(exc, inh, current, spikes, from, to),
            (false, true) => StepVectors512<CurrentRow, NoSynapticRows>(exc, inh, current, spikes, from, to),
            _ => StepVectors512<CurrentRow, SynapticRows>(exc, inh, current, spikes, from, to),
        };
        return (noCurrent, noRows) switch
        {
            (true, true) => StepVectors<NoCurrent, NoSynapticRows>(exc, inh, current, spikes, j, to),
            (true, false) => StepVectors<NoCurrent, SynapticRows>(exc, inh, current, spikes, j, to),
            (false, true) => StepVectors<CurrentRow, NoSynapticRows>(exc, inh, current, spikes, j, to),
            _ => StepVectors<CurrentRow, SynapticRows>(exc, inh, current, spikes, j, to),
        };
    }

    /// <summary>
    /// Neurons [from, j) with j the returned index (a multiple of 8 past from), the rest for the scalar loop. Eight neurons
    /// per iteration, the two vectors' statements interleaved. The hot loop makes no call: spikes are noted as bits per 8
    /// neurons (<see cref="NestIntegrateAndFire.FiredBuffer"/>) and added after the loop, in neuron order; the rare
    /// refractory update is inlined with its own constants. <typeparamref name="TCurrent"/> is <see cref="NoCurrent"/> when the port "current" gets
    /// the engine's zero row (nothing feeds it): V∞ = (v_rest + bias) + 0 once, and the row is not streamed.
    /// <typeparamref name="TSynaptic"/> is <see cref="NoSynapticRows"/> when "exc" and "inh" both get zero rows (nothing
    /// arrived, or the engine added a sparse input into I_exc and I_inh already, <see cref="IAccumulatingInput"/>): I + 0.0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int StepVectors<TCurrent, TSynaptic>(double[] exc, double[] inh, double[] current, List<int> spikes, int from, int to)
        where TCurrent : struct, ICurrentInput where TSynaptic : struct, ISynapticInput
    {
        var j = from;
        var groups = (to - from) >> 3;
        var fired = FiredBuffer(groups);
        var a = Vector256.Create(_a);
        var sExc = Vector256.Create(_sExc);
        var sInh = Vector256.Create(_sInh);
        var cExc = Vector256.Create(_cExc);
        var cInh = Vector256.Create(_cInh);
        var rest = Vector256.Create(VRest + Bias);
        var restPlusZero = rest + Vector256<double>.Zero;
        var thresh = Vector256.Create(VThresh);
        var reset = Vector256.Create(VReset);
        ref var rIe = ref MemoryMarshal.GetArrayDataReference(IExc);
        ref var rIi = ref MemoryMarshal.GetArrayDataReference(IInh);
        ref var rExc = ref MemoryMarshal.GetArrayDataReference(exc);
        ref var rInh = ref MemoryMarshal.GetArrayDataReference(inh);
        ref var rCur = ref MemoryMarshal.GetArrayDataReference(current);
        ref var rV = ref MemoryMarshal.GetArrayDataReference(VMem);
        ref var rR = ref MemoryMarshal.GetArrayDataReference(RefractoryLeft);
        ref var rFired = ref MemoryMarshal.GetArrayDataReference(fired);
        for (; j <= to - 8; j += 8)
        {
            var at = (nuint)j;
            var at2 = at + 4;
            var e = TSynaptic.Add(Vector256.LoadUnsafe(ref rIe, at), ref rExc, at);
            var e2 = TSynaptic.Add(Vector256.LoadUnsafe(ref rIe, at2), ref rExc, at2);
            var i = TSynaptic.Add(Vector256.LoadUnsafe(ref rIi, at), ref rInh, at);
            var i2 = TSynaptic.Add(Vector256.LoadUnsafe(ref rIi, at2), ref rInh, at2);
            (e * sExc).StoreUnsafe(ref rIe, at);
            (e2 * sExc).StoreUnsafe(ref rIe, at2);
            (i * sInh).StoreUnsafe(ref rIi, at);
            (i2 * sInh).StoreUnsafe(ref rIi, at2);
            var vInf = TCurrent.VInf(restPlusZero, rest, ref rCur, at);
            var vInf2 = TCurrent.VInf(restPlusZero, rest, ref rCur, at2);
            var vNew = vInf + (Vector256.LoadUnsafe(ref rV, at) - vInf) * a + e * cExc + i * cInh;
            var vNew2 = vInf2 + (Vector256.LoadUnsafe(ref rV, at2) - vInf2) * a + e2 * cExc + i2 * cInh;
            var held = Vector256.GreaterThan(Vector256.LoadUnsafe(ref rR, at), Vector256<double>.Zero);
            var held2 = Vector256.GreaterThan(Vector256.LoadUnsafe(ref rR, at2), Vector256<double>.Zero);
            var fire = Vector256.AndNot(Vector256.GreaterThan(vNew, thresh), held);
            var fire2 = Vector256.AndNot(Vector256.GreaterThan(vNew2, thresh), held2);
            var change = held | fire;
            var change2 = held2 | fire2;
            // Lanes are all ones or all zeros: the blend (sign bit) selects as ConditionalSelect would, in one instruction.
            Avx.BlendVariable(vNew, reset, change).StoreUnsafe(ref rV, at);
            Avx.BlendVariable(vNew2, reset, change2).StoreUnsafe(ref rV, at2);
            Unsafe.Add(ref rFired, (j - from) >> 3) = (byte)(fire.ExtractMostSignificantBits() | (fire2.ExtractMostSignificantBits() << 4));
            // The countdowns change only where a lane is held or fires (elsewhere they keep their value): most vectors skip the store.
            if ((change | change2).ExtractMostSignificantBits() != 0) CountDown(ref rR, at, held, fire, held2, fire2);
        }
        AddFired(fired.AsSpan(0, (j - from) >> 3), from, spikes);
        return j;
    }
}
