using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EventSpike.Neurons.Models;

/// <summary>The vector part of <see cref="IafPscDelta"/>'s step (AVX2): the same operations per lane as the scalar loop.</summary>
public sealed partial class IafPscDelta
{
    /// <summary>
    /// Neurons [from, j) eight at a time in two 256-bit vectors, j returned, the rest for the scalar loop:
    /// V' = ((V∞ + (V − V∞)·a) + jumps) + drive, V ≥ v_thresh fires, held lanes keep v_reset. As in
    /// <see cref="IafPscExp"/>, spikes are noted as bits and added after the loop (which then makes no call).
    /// <typeparamref name="TCurrent"/> skips the engine's zero row of "current", <typeparamref name="TDrive"/> the drive's
    /// row when there is no drive (+ 0.0, as the scalar loop adds).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int StepVectors<TCurrent, TDrive>(double[] jumps, double[] current, double[] drive, List<int> spikes, int from, int to)
        where TCurrent : struct, ICurrentInput where TDrive : struct, ISynapticInput
    {
        var j = from;
        var fired = FiredBuffer((to - from) >> 3);
        var a = Vector256.Create(_a);
        var rest = Vector256.Create(VRest + Bias);
        var restPlusZero = rest + Vector256<double>.Zero;
        var thresh = Vector256.Create(VThresh);
        var reset = Vector256.Create(VReset);
        ref var rJ = ref MemoryMarshal.GetArrayDataReference(jumps);
        ref var rCur = ref MemoryMarshal.GetArrayDataReference(current);
        ref var rDrive = ref MemoryMarshal.GetArrayDataReference(drive);
        ref var rV = ref MemoryMarshal.GetArrayDataReference(VMem);
        ref var rR = ref MemoryMarshal.GetArrayDataReference(RefractoryLeft);
        ref var rFired = ref MemoryMarshal.GetArrayDataReference(fired);
        for (; j <= to - 8; j += 8)
        {
            var at = (nuint)j;
            var at2 = at + 4;
            var vInf = TCurrent.VInf(restPlusZero, rest, ref rCur, at);
            var vInf2 = TCurrent.VInf(restPlusZero, rest, ref rCur, at2);
            var vNew = TDrive.Add(vInf + (Vector256.LoadUnsafe(ref rV, at) - vInf) * a + Vector256.LoadUnsafe(ref rJ, at), ref rDrive, at);
            var vNew2 = TDrive.Add(vInf2 + (Vector256.LoadUnsafe(ref rV, at2) - vInf2) * a + Vector256.LoadUnsafe(ref rJ, at2), ref rDrive, at2);
            var held = Vector256.GreaterThan(Vector256.LoadUnsafe(ref rR, at), Vector256<double>.Zero);
            var held2 = Vector256.GreaterThan(Vector256.LoadUnsafe(ref rR, at2), Vector256<double>.Zero);
            var fire = Vector256.AndNot(Vector256.GreaterThanOrEqual(vNew, thresh), held);
            var fire2 = Vector256.AndNot(Vector256.GreaterThanOrEqual(vNew2, thresh), held2);
            var change = held | fire;
            var change2 = held2 | fire2;
            Vector256.ConditionalSelect(change, reset, vNew).StoreUnsafe(ref rV, at);
            Vector256.ConditionalSelect(change2, reset, vNew2).StoreUnsafe(ref rV, at2);
            Unsafe.Add(ref rFired, (j - from) >> 3) = (byte)(fire.ExtractMostSignificantBits() | (fire2.ExtractMostSignificantBits() << 4));
            if ((change | change2).ExtractMostSignificantBits() != 0) CountDown(ref rR, at, held, fire, held2, fire2);
        }
        AddFired(fired.AsSpan(0, (j - from) >> 3), from, spikes);
        return j;
    }

    /// <summary>The vector step's variant for the rows at hand: the engine's zero row of "current" is not read, nor a drive that is not there.</summary>
    private int StepVectorised(double[] jumps, double[] current, double[]? drive, List<int> spikes, int from, int to) =>
        (ZeroRows.IsZero(current), drive is null) switch
        {
            (true, true) => StepVectors<NoCurrent, NoSynapticRows>(jumps, current, jumps, spikes, from, to),
            (true, false) => StepVectors<NoCurrent, SynapticRows>(jumps, current, drive!, spikes, from, to),
            (false, true) => StepVectors<CurrentRow, NoSynapticRows>(jumps, current, jumps, spikes, from, to),
            _ => StepVectors<CurrentRow, SynapticRows>(jumps, current, drive!, spikes, from, to),
        };
}
