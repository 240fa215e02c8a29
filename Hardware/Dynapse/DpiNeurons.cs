using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static EventSpike.Hardware.Dynapse.LaneState;

namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// DYNAP-SE1 neurons in current mode (dynapse.md §2): DPI synapses of four types, an AHP and the
/// adaptive-exponential DPI membrane ([C14]). Every state is a current, clipped at I₀ after each
/// update. Per chip step dt, in this order (Rockpool 2's DynapSim order, §2.3):
///   synapses (exact exponential step, n = matched CAM pulses of the step, the factor e^{−dt/τ} fixed per synapse):
///     I_syn ← I_syn·e^{−dt/τ} + (I_g/I_τ)·I_w·(1 − e^{−t_pulse/τ})·n
///   AHP (driven by the neuron's spikes of the previous step, same rule with τ_ahp, I_w,ahp, t_pulse,ahp);
///   membrane (forward Euler):
///     I_nmda,eff = I_nmda / (1 + I_f,nmda/I_mem)              (NMDA voltage gate)
///     I_in   = I_nmda,eff + I_ampa − I_subtractive + I_dc     (0 while refractory; then ≥ I₀)
///     I_leak = I_τ,mem + I_shunting                            (GABA_A shunts by default)
///     τ = C_mem·U_T/(κ·I_leak);  I_∞ = (I_g,mem/I_τ,mem)·(I_in − I_ahp − I_leak)
///     I_fb = I₀^{1/(κ+1)}·I_mem^{κ/(κ+1)}                     (positive feedback)
///     dI_mem/dt = I_mem/(τ·(I_mem + I_g,mem)) · (I_∞ + (I_fb/I_leak)·(I_mem + I_g,mem) − I_mem·(1 + I_ahp/I_leak))
///               = κ/(C_mem·U_T) · I_mem · ((I_leak·I_∞ − I_mem·(I_leak + I_ahp))/(I_mem + I_g,mem) + I_fb)   (computed form: one division)
///   spike when I_mem > I_spkthr: I_mem ← I₀, refractory for t_ref = V_th·C_ref/I_ref (input zero, the membrane still relaxes).
/// With <c>rockpoolParity</c> the leak is also subtracted inside I_in (DynapSim v3's double subtraction,
/// §5.10) so its f–I table can be checked; the default follows [C14]. Mismatch multiplies every current
/// (I_τ's, I_gain's, I_ref, I_spkthr, I_dc, I_pulse, AHP) per neuron; a factor on I_τ divides τ.
/// Numerics: float32 in picoamperes (currents 0.5 pA … 10⁵ pA, far from float's range limits; relative
/// rounding 6·10⁻⁸ per operation against Euler increments of dt/τ ≥ 10⁻⁴), eight neurons at a time
/// (Vector256; I_fb by <see cref="LaneMath.Pow"/>, relative error ≤ 10⁻⁶), rows padded to a multiple of 8; with adaptation off
/// (I_w,ahp = I₀ on every core) I_ahp stays at I₀ and is not stepped. The drive holds current jumps (pA)
/// in tiles like the state: drive[32·(k/8) + 8·type + k mod 8] (<see cref="DriveIndex"/>).
/// </summary>
public sealed class DpiNeurons : IBoardNeurons
{
    /// <summary>Mismatch parameter indices (<see cref="DeviceMismatch.Neuron"/>): 0 I_τ,mem, 1 I_g,mem, 2 I_ref, 3 I_spkthr, 4 I_dc, 5 I_pulse, 6–9 I_τ,syn, 10–13 I_g,syn, 14 I_τ,ahp, 15 I_g,ahp, 16 I_w,ahp.</summary>
    public const int MismatchParameters = 17;

    private const double PicoAmpere = 1e-12;
    private const float FbExponent = (float)(DpiLayout.Kappa / (DpiLayout.Kappa + 1)); // const: Step is compiled once, fully optimised (no tiering for loops), where a static readonly would not fold
    private static readonly float FbScale = (float)Math.Pow(DpiLayout.I0 / PicoAmpere, 1 / (DpiLayout.Kappa + 1));
    private const float I0 = (float)(DpiLayout.I0 / PicoAmpere);

    // rows of the block: parameters, then state
    // rows of a tile: parameters, state, and the AHP's four rows only when adaptation is on somewhere
    private const int ItauMem = 0, IgMem = 1, GainRatio = 2, RefSteps = 3, Ispkthr = 4, Idc = 5, IfNmda = 6, FastShunt = 7, SynDecay = 8,
        Imem = 12, Isyn = 13, Timer = 17, AhpDecay = 18, AhpJump = 19, Iahp = 20, LastSpike = 21;

    private readonly LaneState _lanes;
    private readonly float[] _data, _synJump; // _synJump[type·N + k], pA: what one CAM match adds
    private readonly int _rows; // 18, or 22 with adaptation
    private readonly float _parity, _rate; // _rate = dt·κ/(C_mem·U_T) per pA
    private readonly bool _adaptation;
    private int _live; // bit t: type t is stepped once its drive was asked for (DriveIndex) or its state written
    private readonly int _shunt; // 1: every core shunts with GABA_A, 0: every core with GABA_B, −1: mixed (chosen per lane)

    /// <param name="cores">Parameters of each local neuron's core.</param>
    /// <param name="tau2">Per local neuron: leak from TauMem2 instead of TauMem.</param>
    /// <param name="factors">Per local neuron, <see cref="MismatchParameters"/> mismatch factors.</param>
    public DpiNeurons(double dt, IReadOnlyList<DpiCoreParameters> cores, IReadOnlyList<bool> tau2, IReadOnlyList<double[]> factors, bool rockpoolParity = false)
    {
        if (!(dt > 0)) throw new ArgumentException($"the chip step must be > 0, got {dt}");
        Dt = dt;
        _parity = rockpoolParity ? 1 : 0;
        _rate = (float)(dt * DpiLayout.Kappa / (DpiLayout.CMem * DpiLayout.Ut) * PicoAmpere);
        Count = cores.Count;
        _adaptation = cores.Any(c => c.IwAhp > DpiLayout.I0);
        _shunt = cores.All(c => c.Shunting == SynapseType.FastInh) ? 1 : cores.All(c => c.Shunting == SynapseType.SlowInh) ? 0 : -1;
        _rows = _adaptation ? LastSpike + 1 : Timer + 1;
        _lanes = new LaneState(Count, _rows);
        _data = _lanes.Data;
        _synJump = new float[4 * Count];
        for (var k = 0; k < Count; k++)
        {
            if (factors[k].Length != MismatchParameters) throw new ArgumentException($"neuron {k} has {factors[k].Length} mismatch factors, not {MismatchParameters}");
            Derive(k, cores[k], tau2[k], factors[k]);
        }
        _lanes.FillPadding(0, _rows);
        _lanes.Name("i_mem", Imem, PicoAmpere); _lanes.Name("i_syn", Isyn, PicoAmpere, 4);
        if (_adaptation) _lanes.Name("i_ahp", Iahp, PicoAmpere);
        _lanes.Name("refractory_left", Timer, 1);
        Reset();
    }

    public int Count { get; }

    public double Dt { get; }

    public int DriveLength => 4 * _lanes.Padded;

    /// <summary>Where matches of <paramref name="type"/> on neuron k go; from the first call on, the type's synapses are stepped
    /// (a type nobody drives stays at I₀ exactly: I₀·e^{−dt/τ} clips back to I₀, so skipping it changes nothing).</summary>
    public int DriveIndex(SynapseType type, int k)
    {
        _live |= 1 << (int)type;
        return (k / Lanes) * 4 * Lanes + (int)type * Lanes + k % Lanes;
    }

    /// <summary>(I_g/I_τ)·I_w·(1 − e^{−t_pulse/τ}) of the synapse, pA.</summary>
    public float DriveIncrement(SynapseType type, int k) => _synJump[(int)type * Count + k];

    public IReadOnlyList<string> StateNames => _adaptation ? _lanes.Names : [.. _lanes.Names, "i_ahp"];

    /// <summary>Without adaptation i_ahp is I₀ throughout and not stored.</summary>
    public double[] Read(string name) =>
        name == "i_ahp" && !_adaptation ? Enumerable.Repeat(DpiLayout.I0, Count).ToArray() : _lanes.Read(name);

    public void Write(string name, ReadOnlySpan<double> values)
    {
        if (name == "i_ahp" && !_adaptation)
        {
            foreach (var v in values)
                if (v > DpiLayout.I0) throw new ArgumentException($"i_ahp cannot be set to {v} A: adaptation is off on every core (iw_ahp = I₀), so i_ahp stays at I₀");
            return;
        }
        if (name == "i_syn") _live = 0b1111;
        _lanes.Write(name, values);
    }

    /// <summary>The refractory period of local neuron k after mismatch, s.</summary>
    public double RefractoryPeriod(int k) => _lanes[RefSteps, k] * Dt;

    private void Derive(int k, DpiCoreParameters p, bool tau2, double[] f)
    {
        static float Pa(double amperes) => (float)(amperes / PicoAmpere);
        var l = _lanes;
        var itau = DpiLayout.LeakCurrent(DpiLayout.CMem, tau2 ? p.TauMem2 : p.TauMem) * f[0];
        var ig = p.GainMemRatio * DpiLayout.LeakCurrent(DpiLayout.CMem, tau2 ? p.TauMem2 : p.TauMem) * f[1];
        l[ItauMem, k] = Pa(itau);
        l[IgMem, k] = Pa(ig);
        l[GainRatio, k] = (float)(ig / itau);
        var iref = DpiLayout.PulseCurrent(DpiLayout.CRef, p.TRef) * f[2];
        l[RefSteps, k] = (float)(DpiLayout.PulseWidth(DpiLayout.CRef, iref) / Dt);
        l[Ispkthr, k] = Pa(p.Ispkthr * f[3]);
        l[Idc, k] = Pa(p.Idc * f[4]);
        l[IfNmda, k] = Pa(p.IfNmda);
        l[FastShunt, k] = p.Shunting == SynapseType.FastInh ? 1 : 0;
        var tPulse = DpiLayout.PulseWidth(DpiLayout.CPulse, DpiLayout.PulseCurrent(DpiLayout.CPulse, p.TPulse) * f[5]);
        for (var t = 0; t < 4; t++)
        {
            var itauSyn = DpiLayout.LeakCurrent(DpiLayout.CSyn[t], p.TauSyn[t]) * f[6 + t];
            var igSyn = p.GainSynRatio[t] * DpiLayout.LeakCurrent(DpiLayout.CSyn[t], p.TauSyn[t]) * f[10 + t];
            var tau = DpiLayout.TimeConstant(DpiLayout.CSyn[t], itauSyn);
            l[SynDecay + t, k] = (float)Math.Exp(-Dt / tau);
            _synJump[t * Count + k] = Pa(igSyn / itauSyn * p.Iw[t] * (1 - Math.Exp(-tPulse / tau)));
        }
        var itauAhp = DpiLayout.LeakCurrent(DpiLayout.CAhp, p.TauAhp) * f[14];
        var igAhp = p.GainAhpRatio * DpiLayout.LeakCurrent(DpiLayout.CAhp, p.TauAhp) * f[15];
        var tauAhp = DpiLayout.TimeConstant(DpiLayout.CAhp, itauAhp);
        if (!_adaptation) return;
        l[AhpDecay, k] = (float)Math.Exp(-Dt / tauAhp);
        l[AhpJump, k] = p.IwAhp <= DpiLayout.I0 ? 0 : Pa(igAhp / itauAhp * p.IwAhp * f[16] * (1 - Math.Exp(-p.TPulseAhp / tauAhp)));
    }

    public void Reset()
    {
        _lanes.Fill(Imem, 5, I0); // i_mem, i_syn × 4 (types not stepped stay here)
        _lanes.Fill(Timer, 1, 0);
        if (!_adaptation) return;
        _lanes.Fill(Iahp, 1, I0);
        _lanes.Fill(LastSpike, 1, 0);
    }

    /// <summary>One chip step; <paramref name="drive"/> holds the synapse current jumps of the step (pA) and is zeroed.</summary>
    public void Step(Span<float> drive, List<int> spikes)
    {
        if (drive.Length < DriveLength) throw new ArgumentException($"the drive has {drive.Length} entries, the neurons need {DriveLength}");
        if ((_live & 1) != 0) Step<Yes>(drive, spikes); else Step<No>(drive, spikes);
    }

    // The loop is specialised on which synapse types are stepped, adaptation and parity (type arguments the JIT folds):
    // no per-tile tests or jumps for settings fixed for the whole board.
    private void Step<T0>(Span<float> drive, List<int> spikes) where T0 : struct, IFlag
    {
        if ((_live & 2) != 0) Step<T0, Yes>(drive, spikes); else Step<T0, No>(drive, spikes);
    }

    private void Step<T0, T1>(Span<float> drive, List<int> spikes) where T0 : struct, IFlag where T1 : struct, IFlag
    {
        if ((_live & 4) != 0) Step<T0, T1, Yes>(drive, spikes); else Step<T0, T1, No>(drive, spikes);
    }

    private void Step<T0, T1, T2>(Span<float> drive, List<int> spikes) where T0 : struct, IFlag where T1 : struct, IFlag where T2 : struct, IFlag
    {
        if ((_live & 8) != 0) Step<T0, T1, T2, Yes>(drive, spikes); else Step<T0, T1, T2, No>(drive, spikes);
    }

    private void Step<T0, T1, T2, T3>(Span<float> drive, List<int> spikes) where T0 : struct, IFlag where T1 : struct, IFlag where T2 : struct, IFlag where T3 : struct, IFlag
    {
        if (_adaptation) Step<T0, T1, T2, T3, Yes>(drive, spikes); else Step<T0, T1, T2, T3, No>(drive, spikes);
    }

    private void Step<T0, T1, T2, T3, TA>(Span<float> drive, List<int> spikes)
        where T0 : struct, IFlag where T1 : struct, IFlag where T2 : struct, IFlag where T3 : struct, IFlag where TA : struct, IFlag
    {
        if (_parity != 0) Loop<T0, T1, T2, T3, TA, Yes>(drive, spikes); else Loop<T0, T1, T2, T3, TA, No>(drive, spikes);
    }

    private void Loop<T0, T1, T2, T3, TA, TP>(Span<float> drive, List<int> spikes)
        where T0 : struct, IFlag where T1 : struct, IFlag where T2 : struct, IFlag where T3 : struct, IFlag where TA : struct, IFlag where TP : struct, IFlag
    {
        var kernel = new Kernel(_shunt, Vector256.Create(_rate), Vector256.Create(FbScale)); // in locals: the stores below may alias fields
        var data = _data;
        var rows = _rows;
        for (var k = 0; k < Count; k += Lanes)
        {
            var bits = Membrane<T0, T1, T2, T3, TA, TP>(ref At(data, k * rows), ref At(drive, 4 * k), kernel); // the tiles of neurons k…k+7 (k a multiple of 8)
            if (bits != 0) AddSpikes(bits, k, spikes);
        }
    }

    /// <summary>Rare (a few tiles per step), out of line so the loop keeps its registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddSpikes(uint bits, int k, List<int> spikes)
    {
        bits &= _lanes.RealLanes(k);
        for (var lane = 0; bits != 0; lane++, bits >>= 1)
            if ((bits & 1) != 0) spikes.Add(k + lane);
    }

    private interface IFlag { static abstract bool On { get; } }

    private readonly struct Yes : IFlag { public static bool On => true; }

    private readonly struct No : IFlag { public static bool On => false; }

    /// <summary>What the kernel reads of the population, per step.</summary>
    private readonly record struct Kernel(int Shunt, Vector256<float> Rate, Vector256<float> FbScale);

    /// <summary>Steps the synapses, the AHP and the membrane of the tile <paramref name="at"/> (row r at r·8) with the drive's
    /// tile <paramref name="dr"/> (type t at t·8); returns the spike bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Membrane<T0, T1, T2, T3, TA, TP>(ref float at, ref float dr, Kernel kernel)
        where T0 : struct, IFlag where T1 : struct, IFlag where T2 : struct, IFlag where T3 : struct, IFlag where TA : struct, IFlag where TP : struct, IFlag
    {
        var i0 = Vector256.Create(I0);
        var one = Vector256<float>.One;
        const int l = Lanes;
        var gabaB = Synapse<T0>(ref at, ref dr, 0, i0);
        var gabaA = Synapse<T1>(ref at, ref dr, 1, i0);
        var nmda = Synapse<T2>(ref at, ref dr, 2, i0);
        var ampa = Synapse<T3>(ref at, ref dr, 3, i0);
        var ahp = i0;
        if (TA.On)
        {
            ahp = Vector256.MaxNative(L(ref at, Iahp * l) * L(ref at, AhpDecay * l) + L(ref at, AhpJump * l) * L(ref at, LastSpike * l), i0);
            S(ahp, ref at, Iahp * l);
        }
        var imem = L(ref at, Imem * l);
        var timer = L(ref at, Timer * l);
        var refractory = Vector256.GreaterThan(timer, Vector256<float>.Zero);
        timer -= refractory & one; // −1 on refractory lanes, −0 (exact) elsewhere
        Vector256<float> shunting, subtractive;
        if (kernel.Shunt == 1) (shunting, subtractive) = (gabaA, gabaB); // one core setting for the board: no per-lane choice
        else if (kernel.Shunt == 0) (shunting, subtractive) = (gabaB, gabaA);
        else
        {
            var fast = Vector256.GreaterThan(L(ref at, FastShunt * l), Vector256<float>.Zero);
            (shunting, subtractive) = (Vector256.ConditionalSelect(fast, gabaA, gabaB), Vector256.ConditionalSelect(fast, gabaB, gabaA));
        }
        var leak = L(ref at, ItauMem * l) + shunting;
        var gate = imem + L(ref at, IfNmda * l);
        var sum = imem + L(ref at, IgMem * l);
        var r = one / (gate * sum); // one division for both quotients (each ≤ 10⁵ pA: the product stays in range)
        var gated = nmda * imem * sum * r;
        var iin = gated + ampa - subtractive + L(ref at, Idc * l);
        if (TP.On) iin -= leak;
        iin = Vector256.MaxNative(Vector256.AndNot(iin, refractory), i0); // refractory lanes: max(0, I₀) = I₀
        var inf = L(ref at, GainRatio * l) * (iin - ahp - leak);
        var ifb = kernel.FbScale * LaneMath.Pow(imem, FbExponent);
        var d = imem * ((leak * inf - imem * (leak + ahp)) * gate * r + ifb);
        imem = Vector256.MaxNative(imem + d * kernel.Rate, i0);
        var spike = Vector256.GreaterThan(imem, L(ref at, Ispkthr * l));
        var bits = spike.ExtractMostSignificantBits();
        if (bits != 0) // rare: a few vectors per step
        {
            imem = Vector256.ConditionalSelect(spike, i0, imem);
            timer = Vector256.ConditionalSelect(spike, L(ref at, RefSteps * l), timer);
        }
        S(imem, ref at, Imem * l);
        S(timer, ref at, Timer * l);
        if (TA.On) S(Vector256.ConditionalSelect(spike, one, Vector256<float>.Zero), ref at, LastSpike * l);
        return bits;
    }

    /// <summary>Synapse type t of the tile: I ← max(I·e^{−dt/τ} + jumps, I₀), the drive zeroed; I₀ for a type not stepped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Synapse<T>(ref float at, ref float dr, int t, Vector256<float> i0) where T : struct, IFlag
    {
        if (!T.On) return i0;
        var i = Vector256.MaxNative(L(ref at, (Isyn + t) * Lanes) * L(ref at, (SynDecay + t) * Lanes) + L(ref dr, t * Lanes), i0);
        S(i, ref at, (Isyn + t) * Lanes);
        S(Vector256<float>.Zero, ref dr, t * Lanes);
        return i;
    }
}
