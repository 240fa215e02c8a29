using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EventSpike.Neurons.Models;

/// <summary>
/// What the vector steps of the models share: the refractory countdown of the lanes that are held or fire, and the
/// generic arguments that let a step skip a row the engine knows is zero (<see cref="ZeroRows"/>) with the same bits.
/// </summary>
public abstract partial class NestIntegrateAndFire
{
    /// <summary>Refractory countdowns of neurons [at, at + 8): held lanes count down, firing lanes start at round(t_ref/dt).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void CountDown(ref double rR, nuint at, Vector256<double> held, Vector256<double> fire, Vector256<double> held2, Vector256<double> fire2)
    {
        var one = Vector256.Create(1.0);
        var hold = Vector256.Create((double)RefractorySteps);
        var r = Vector256.LoadUnsafe(ref rR, at);
        var r2 = Vector256.LoadUnsafe(ref rR, at + 4);
        Vector256.ConditionalSelect(fire, hold, Vector256.ConditionalSelect(held, r - one, r)).StoreUnsafe(ref rR, at);
        Vector256.ConditionalSelect(fire2, hold, Vector256.ConditionalSelect(held2, r2 - one, r2)).StoreUnsafe(ref rR, at + 4);
    }

    /// <summary>Refractory countdowns of neurons [at, at + 16), as <see cref="CountDown"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void CountDown512(ref double rR, nuint at, Vector512<double> held, Vector512<double> fire, Vector512<double> held2, Vector512<double> fire2)
    {
        var one = Vector512.Create(1.0);
        var hold = Vector512.Create((double)RefractorySteps);
        var r = Vector512.LoadUnsafe(ref rR, at);
        var r2 = Vector512.LoadUnsafe(ref rR, at + 8);
        Vector512.ConditionalSelect(fire, hold, Vector512.ConditionalSelect(held, r - one, r)).StoreUnsafe(ref rR, at);
        Vector512.ConditionalSelect(fire2, hold, Vector512.ConditionalSelect(held2, r2 - one, r2)).StoreUnsafe(ref rR, at + 8);
    }

    /// <summary>How a vector step reads the port "current": V∞ = (v_rest + bias) + I_in for one vector of neurons.</summary>
    private protected interface ICurrentInput
    {
        static abstract Vector256<double> VInf(Vector256<double> restPlusZero, Vector256<double> rest, ref double row, nuint at);
        static abstract Vector512<double> VInf(Vector512<double> restPlusZero, Vector512<double> rest, ref double row, nuint at);
    }

    /// <summary>The port gets the engine's zero row: (v_rest + bias) + 0, the same bits without reading the row.</summary>
    private protected readonly struct NoCurrent : ICurrentInput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> VInf(Vector256<double> restPlusZero, Vector256<double> rest, ref double row, nuint at) => restPlusZero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> VInf(Vector512<double> restPlusZero, Vector512<double> rest, ref double row, nuint at) => restPlusZero;
    }

    /// <summary>The port's row as given.</summary>
    private protected readonly struct CurrentRow : ICurrentInput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> VInf(Vector256<double> restPlusZero, Vector256<double> rest, ref double row, nuint at) => rest + Vector256.LoadUnsafe(ref row, at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> VInf(Vector512<double> restPlusZero, Vector512<double> rest, ref double row, nuint at) => rest + Vector512.LoadUnsafe(ref row, at);
    }

    /// <summary>How a vector step adds a row to a value: I + input (iaf_psc_exp's "exc" and "inh"), V + the drive's jumps (iaf_psc_delta).</summary>
    private protected interface ISynapticInput
    {
        static abstract Vector256<double> Add(Vector256<double> synaptic, ref double row, nuint at);
        static abstract Vector512<double> Add(Vector512<double> synaptic, ref double row, nuint at);
    }

    /// <summary>The rows are zero (the engine's zero rows, or no drive): x + 0.0, the same bits without reading them.</summary>
    private protected readonly struct NoSynapticRows : ISynapticInput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Add(Vector256<double> synaptic, ref double row, nuint at) => synaptic + Vector256<double>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Add(Vector512<double> synaptic, ref double row, nuint at) => synaptic + Vector512<double>.Zero;
    }

    /// <summary>The rows as given.</summary>
    private protected readonly struct SynapticRows : ISynapticInput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Add(Vector256<double> synaptic, ref double row, nuint at) => synaptic + Vector256.LoadUnsafe(ref row, at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Add(Vector512<double> synaptic, ref double row, nuint at) => synaptic + Vector512.LoadUnsafe(ref row, at);
    }
}
