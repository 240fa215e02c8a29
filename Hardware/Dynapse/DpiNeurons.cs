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
/// (Vector256, vectorised exp/log for I_fb), rows padded to a multiple of 8; with adaptation off
/// (I_w,ahp = I₀ on every core) I_ahp stays at I₀ and is not stepped. The drive holds current jumps (pA)
/// type-major: drive[type·P + k], P the padded row length; synapse currents likewise.
/// </summary>
public sealed class DpiNeurons : IBoardNeurons
{
    /// <summary>Mismatch parameter indices (<see cref="DeviceMismatch.Neuron"/>): 0 I_τ,mem, 1 I_g,mem, 2 I_ref, 3 I_spkthr, 4 I_dc, 5 I_pulse, 6–9 I_τ,syn, 10–13 I_g,syn, 14 I_τ,ahp, 15 I_g,ahp, 16 I_w,ahp.</summary>
    public const int MismatchParameters = 17;

    private const double PicoAmpere = 1e-12;
    private static readonly float FbExponent = (float)(DpiLayout.Kappa / (DpiLayout.Kappa + 1));
    private static readonly float FbScale = (float)Math.Pow(DpiLayout.I0 / PicoAmpere, 1 / (DpiLayout.Kappa + 1));
    private const float I0 = (float)(DpiLayout.I0 / PicoAmpere);

    private readonly LaneState _lanes;
    private readonly int _p;
    private readonly float _parity, _rate; // _rate = dt·κ/(C_mem·U_T) per pA
    private readonly bool _adaptation;
    private readonly float[] _itauMem, _igMem, _gainRatio, _refSteps, _ispkthr, _idc, _ifNmda, _fastShunt;
    private readonly float[] _synDecay, _synJump; // [type·P + k]
    private readonly float[] _ahpDecay, _ahpJump;
    private readonly float[] _imem, _isyn, _iahp, _timer, _lastSpike;

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
        _lanes = new LaneState(Count);
        _p = _lanes.Padded;
        var l = _lanes;
        _itauMem = l.Array(); _igMem = l.Array(); _gainRatio = l.Array(); _refSteps = l.Array(); _ispkthr = l.Array(); _idc = l.Array();
        _ifNmda = l.Array(); _fastShunt = l.Array(); _ahpDecay = l.Array(); _ahpJump = l.Array(); _synDecay = l.Array(4); _synJump = l.Array(4);
        for (var k = 0; k < Count; k++)
        {
            if (factors[k].Length != MismatchParameters) throw new ArgumentException($"neuron {k} has {factors[k].Length} mismatch factors, not {MismatchParameters}");
            Derive(k, cores[k], tau2[k], factors[k]);
        }
        foreach (var a in new[] { _itauMem, _igMem, _gainRatio, _refSteps, _ispkthr, _idc, _ifNmda, _fastShunt, _ahpDecay, _ahpJump, _synDecay, _synJump })
            l.FillPadding(a);
        _adaptation = _ahpJump.Any(j => j > 0);
        _imem = l.Named("i_mem", PicoAmpere); _isyn = l.Named("i_syn", PicoAmpere, 4); _iahp = l.Named("i_ahp", PicoAmpere);
        _timer = l.Named("refractory_left", 1); _lastSpike = l.Array();
        Reset();
    }

    public int Count { get; }

    public double Dt { get; }

    public int DriveLength => 4 * _p;

    public int DriveIndex(SynapseType type, int k) => (int)type * _p + k;

    /// <summary>(I_g/I_τ)·I_w·(1 − e^{−t_pulse/τ}) of the synapse, pA.</summary>
    public float DriveIncrement(SynapseType type, int k) => _synJump[DriveIndex(type, k)];

    public IReadOnlyList<string> StateNames => _lanes.Names;

    public double[] Read(string name) => _lanes.Read(name);

    public void Write(string name, ReadOnlySpan<double> values) => _lanes.Write(name, values);

    /// <summary>The refractory period of local neuron k after mismatch, s.</summary>
    public double RefractoryPeriod(int k) => _refSteps[k] * Dt;

    private void Derive(int k, DpiCoreParameters p, bool tau2, double[] f)
    {
        static float Pa(double amperes) => (float)(amperes / PicoAmpere);
        var itau = DpiLayout.LeakCurrent(DpiLayout.CMem, tau2 ? p.TauMem2 : p.TauMem) * f[0];
        var ig = p.GainMemRatio * DpiLayout.LeakCurrent(DpiLayout.CMem, tau2 ? p.TauMem2 : p.TauMem) * f[1];
        _itauMem[k] = Pa(itau);
        _igMem[k] = Pa(ig);
        _gainRatio[k] = (float)(ig / itau);
        var iref = DpiLayout.PulseCurrent(DpiLayout.CRef, p.TRef) * f[2];
        _refSteps[k] = (float)(DpiLayout.PulseWidth(DpiLayout.CRef, iref) / Dt);
        _ispkthr[k] = Pa(p.Ispkthr * f[3]);
        _idc[k] = Pa(p.Idc * f[4]);
        _ifNmda[k] = Pa(p.IfNmda);
        _fastShunt[k] = p.Shunting == SynapseType.FastInh ? 1 : 0;
        var tPulse = DpiLayout.PulseWidth(DpiLayout.CPulse, DpiLayout.PulseCurrent(DpiLayout.CPulse, p.TPulse) * f[5]);
        for (var t = 0; t < 4; t++)
        {
            var itauSyn = DpiLayout.LeakCurrent(DpiLayout.CSyn[t], p.TauSyn[t]) * f[6 + t];
            var igSyn = p.GainSynRatio[t] * DpiLayout.LeakCurrent(DpiLayout.CSyn[t], p.TauSyn[t]) * f[10 + t];
            var tau = DpiLayout.TimeConstant(DpiLayout.CSyn[t], itauSyn);
            _synDecay[t * _p + k] = (float)Math.Exp(-Dt / tau);
            _synJump[t * _p + k] = Pa(igSyn / itauSyn * p.Iw[t] * (1 - Math.Exp(-tPulse / tau)));
        }
        var itauAhp = DpiLayout.LeakCurrent(DpiLayout.CAhp, p.TauAhp) * f[14];
        var igAhp = p.GainAhpRatio * DpiLayout.LeakCurrent(DpiLayout.CAhp, p.TauAhp) * f[15];
        var tauAhp = DpiLayout.TimeConstant(DpiLayout.CAhp, itauAhp);
        _ahpDecay[k] = (float)Math.Exp(-Dt / tauAhp);
        _ahpJump[k] = p.IwAhp <= DpiLayout.I0 ? 0 : Pa(igAhp / itauAhp * p.IwAhp * f[16] * (1 - Math.Exp(-p.TPulseAhp / tauAhp)));
    }

    public void Reset()
    {
        Array.Fill(_imem, I0);
        Array.Fill(_isyn, I0);
        Array.Fill(_iahp, I0);
        Array.Clear(_timer);
        Array.Clear(_lastSpike);
    }

    /// <summary>One chip step; <paramref name="drive"/> holds the synapse current jumps of the step, drive[type·P + k] in pA.</summary>
    public void Step(ReadOnlySpan<float> drive, List<int> spikes)
    {
        if (drive.Length < DriveLength) throw new ArgumentException($"the drive has {drive.Length} entries, the neurons need {DriveLength}");
        for (var k = 0; k < Count; k += Lanes)
        {
            var bits = Membrane(k, drive) & _lanes.RealLanes(k);
            for (var lane = 0; bits != 0; lane++, bits >>= 1)
                if ((bits & 1) != 0) spikes.Add(k + lane);
        }
    }

    /// <summary>Steps the synapses, the AHP and the membrane of neurons k … k+7; returns the spike bits.</summary>
    private uint Membrane(int k, ReadOnlySpan<float> drive)
    {
        var i0 = Vector256.Create(I0);
        var one = Vector256<float>.One;
        int p = _p, kB = k, kA = p + k, kN = 2 * p + k, kP = 3 * p + k;
        var gabaB = Vector256.Max(V(_isyn, kB) * V(_synDecay, kB) + V(drive, kB), i0);
        var gabaA = Vector256.Max(V(_isyn, kA) * V(_synDecay, kA) + V(drive, kA), i0);
        var nmda = Vector256.Max(V(_isyn, kN) * V(_synDecay, kN) + V(drive, kN), i0);
        var ampa = Vector256.Max(V(_isyn, kP) * V(_synDecay, kP) + V(drive, kP), i0);
        Store(gabaB, _isyn, kB); Store(gabaA, _isyn, kA); Store(nmda, _isyn, kN); Store(ampa, _isyn, kP);
        var ahp = i0;
        if (_adaptation)
        {
            ahp = Vector256.Max(V(_iahp, k) * V(_ahpDecay, k) + V(_ahpJump, k) * V(_lastSpike, k), i0);
            Store(ahp, _iahp, k);
        }
        var imem = V(_imem, k);
        var timer = V(_timer, k);
        var refractory = Vector256.GreaterThan(timer, Vector256<float>.Zero);
        timer = Vector256.ConditionalSelect(refractory, timer - one, timer);
        var fast = Vector256.GreaterThan(V(_fastShunt, k), Vector256<float>.Zero);
        var leak = V(_itauMem, k) + Vector256.ConditionalSelect(fast, gabaA, gabaB);
        var subtractive = Vector256.ConditionalSelect(fast, gabaB, gabaA);
        var gated = nmda * imem / (imem + V(_ifNmda, k));
        var iin = gated + ampa - subtractive + V(_idc, k) - Vector256.Create(_parity) * leak;
        iin = Vector256.ConditionalSelect(refractory, i0, Vector256.Max(iin, i0));
        var inf = V(_gainRatio, k) * (iin - ahp - leak);
        var ifb = Vector256.Create(FbScale) * Vector256.Exp(Vector256.Create(FbExponent) * Vector256.Log(imem));
        var d = imem * ((leak * inf - imem * (leak + ahp)) / (imem + V(_igMem, k)) + ifb);
        imem = Vector256.Max(imem + d * Vector256.Create(_rate), i0);
        var spike = Vector256.GreaterThan(imem, V(_ispkthr, k));
        Store(Vector256.ConditionalSelect(spike, i0, imem), _imem, k);
        Store(Vector256.ConditionalSelect(spike, V(_refSteps, k), timer), _timer, k);
        if (_adaptation) Store(Vector256.ConditionalSelect(spike, one, Vector256<float>.Zero), _lastSpike, k);
        return spike.ExtractMostSignificantBits();
    }
}
