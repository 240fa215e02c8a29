using System.Runtime.Intrinsics;

namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// DYNAP-SE1 neurons in current mode (dynapse.md §2): DPI synapses of four types, an AHP and the
/// adaptive-exponential DPI membrane ([C14]). Every state is a current (A), clipped at I₀ after each
/// update. Per chip step dt, in this order (Rockpool 2's DynapSim order, §2.3):
///   synapses (exact exponential step, n = matched CAM pulses of the step):
///     I_syn ← I_syn·e^{−dt/τ} + (I_g/I_τ)·I_w·(1 − e^{−t_pulse/τ})·n
///   AHP (driven by the neuron's spikes of the previous step, same rule with τ_ahp, I_w,ahp, t_pulse,ahp);
///   membrane (forward Euler):
///     I_nmda,eff = I_nmda / (1 + I_f,nmda/I_mem)              (NMDA voltage gate)
///     I_in   = I_nmda,eff + I_ampa − I_subtractive + I_dc     (0 while refractory; then ≥ I₀)
///     I_leak = I_τ,mem + I_shunting                            (GABA_A shunts by default)
///     τ = C_mem·U_T/(κ·I_leak);  I_∞ = (I_g,mem/I_τ,mem)·(I_in − I_ahp − I_leak)
///     I_fb = I₀^{1/(κ+1)}·I_mem^{κ/(κ+1)}                     (positive feedback)
///     dI_mem/dt = I_mem/(τ·(I_mem + I_g,mem)) · (I_∞ + (I_fb/I_leak)·(I_mem + I_g,mem) − I_mem·(1 + I_ahp/I_leak))
///   spike when I_mem > I_spkthr: I_mem ← I₀, refractory for t_ref = V_th·C_ref/I_ref (input zero, the membrane still relaxes).
/// With <c>rockpoolParity</c> the leak is also subtracted inside I_in (DynapSim v3's double subtraction,
/// §5.10) so its f–I table can be checked; the default follows [C14]. Mismatch multiplies every current
/// (I_τ's, I_gain's, I_ref, I_spkthr, I_dc, I_pulse, AHP) per neuron; a factor on I_τ divides τ.
/// The membrane is computed four neurons at a time (Vector256, with a scalar tail of the same formula);
/// synapse currents are stored type-major: i_syn[type·N + k].
/// </summary>
public sealed class DpiNeurons : IBoardNeurons
{
    /// <summary>Mismatch parameter indices (<see cref="DeviceMismatch.Neuron"/>): 0 I_τ,mem, 1 I_g,mem, 2 I_ref, 3 I_spkthr, 4 I_dc, 5 I_pulse, 6–9 I_τ,syn, 10–13 I_g,syn, 14 I_τ,ahp, 15 I_g,ahp, 16 I_w,ahp.</summary>
    public const int MismatchParameters = 17;

    private static readonly double FbExponent = DpiLayout.Kappa / (DpiLayout.Kappa + 1);
    private static readonly double FbScale = Math.Pow(DpiLayout.I0, 1 / (DpiLayout.Kappa + 1));
    private const double InvCUt = DpiLayout.Kappa / (DpiLayout.CMem * DpiLayout.Ut); // 1/τ = I_leak·κ/(C·U_T)

    private readonly double _dt;
    private readonly double _parity;
    private readonly double[] _itauMem, _igMem, _gainRatio, _refSteps, _ispkthr, _idc, _ifNmda, _fastShunt;
    private readonly double[] _synDecay, _synJump; // [type·N + k]
    private readonly double[] _ahpDecay, _ahpJump;
    private readonly double[] _imem, _isyn, _iahp, _timer, _lastSpike;
    private readonly Dictionary<string, double[]> _state;

    /// <param name="cores">Parameters of each local neuron's core.</param>
    /// <param name="tau2">Per local neuron: leak from TauMem2 instead of TauMem.</param>
    /// <param name="factors">Per local neuron, <see cref="MismatchParameters"/> mismatch factors.</param>
    public DpiNeurons(double dt, IReadOnlyList<DpiCoreParameters> cores, IReadOnlyList<bool> tau2, IReadOnlyList<double[]> factors, bool rockpoolParity = false)
    {
        if (!(dt > 0)) throw new ArgumentException($"the chip step must be > 0, got {dt}");
        _dt = dt;
        _parity = rockpoolParity ? 1 : 0;
        var n = Count = cores.Count;
        double[] A(int m = 1) => new double[m * n];
        _itauMem = A(); _igMem = A(); _gainRatio = A(); _refSteps = A(); _ispkthr = A(); _idc = A(); _ifNmda = A(); _fastShunt = A();
        _ahpDecay = A(); _ahpJump = A(); _synDecay = A(4); _synJump = A(4);
        for (var k = 0; k < n; k++)
        {
            if (factors[k].Length != MismatchParameters) throw new ArgumentException($"neuron {k} has {factors[k].Length} mismatch factors, not {MismatchParameters}");
            Derive(k, cores[k], tau2[k], factors[k]);
        }
        _imem = A(); _isyn = A(4); _iahp = A(); _timer = A(); _lastSpike = A();
        _state = new() { ["i_mem"] = _imem, ["i_syn"] = _isyn, ["i_ahp"] = _iahp, ["refractory_left"] = _timer };
        Reset();
    }

    public int Count { get; }

    public double Dt => _dt;

    public IReadOnlyDictionary<string, double[]> State => _state;

    /// <summary>The refractory period of local neuron k after mismatch, s.</summary>
    public double RefractoryPeriod(int k) => _refSteps[k] * _dt;

    private void Derive(int k, DpiCoreParameters p, bool tau2, double[] f)
    {
        var n = Count;
        var itau = DpiLayout.LeakCurrent(DpiLayout.CMem, tau2 ? p.TauMem2 : p.TauMem);
        _itauMem[k] = itau * f[0];
        _igMem[k] = p.GainMemRatio * itau * f[1];
        _gainRatio[k] = _igMem[k] / _itauMem[k];
        var iref = DpiLayout.PulseCurrent(DpiLayout.CRef, p.TRef) * f[2];
        _refSteps[k] = DpiLayout.PulseWidth(DpiLayout.CRef, iref) / _dt;
        _ispkthr[k] = p.Ispkthr * f[3];
        _idc[k] = p.Idc * f[4];
        _ifNmda[k] = p.IfNmda;
        _fastShunt[k] = p.Shunting == SynapseType.FastInh ? 1 : 0;
        var tPulse = DpiLayout.PulseWidth(DpiLayout.CPulse, DpiLayout.PulseCurrent(DpiLayout.CPulse, p.TPulse) * f[5]);
        for (var t = 0; t < 4; t++)
        {
            var itauSyn = DpiLayout.LeakCurrent(DpiLayout.CSyn[t], p.TauSyn[t]) * f[6 + t];
            var igSyn = p.GainSynRatio[t] * DpiLayout.LeakCurrent(DpiLayout.CSyn[t], p.TauSyn[t]) * f[10 + t];
            var tau = DpiLayout.TimeConstant(DpiLayout.CSyn[t], itauSyn);
            _synDecay[t * n + k] = Math.Exp(-_dt / tau);
            _synJump[t * n + k] = igSyn / itauSyn * p.Iw[t] * (1 - Math.Exp(-tPulse / tau));
        }
        var itauAhp = DpiLayout.LeakCurrent(DpiLayout.CAhp, p.TauAhp) * f[14];
        var igAhp = p.GainAhpRatio * DpiLayout.LeakCurrent(DpiLayout.CAhp, p.TauAhp) * f[15];
        var tauAhp = DpiLayout.TimeConstant(DpiLayout.CAhp, itauAhp);
        _ahpDecay[k] = Math.Exp(-_dt / tauAhp);
        _ahpJump[k] = p.IwAhp <= DpiLayout.I0 ? 0 : igAhp / itauAhp * p.IwAhp * f[16] * (1 - Math.Exp(-p.TPulseAhp / tauAhp));
    }

    public void Reset()
    {
        Array.Fill(_imem, DpiLayout.I0);
        Array.Fill(_isyn, DpiLayout.I0);
        Array.Fill(_iahp, DpiLayout.I0);
        Array.Clear(_timer);
        Array.Clear(_lastSpike);
    }

    /// <summary>One chip step; <paramref name="drive"/> is type-major: drive[type·N + k].</summary>
    public void Step(ReadOnlySpan<double> drive, List<int> spikes)
    {
        const double i0 = DpiLayout.I0;
        var syn = _isyn;
        var i0v = Vector256.Create(i0);
        var i = 0;
        for (; i <= syn.Length - 4; i += 4)
        {
            var v = Vector256.Create(syn.AsSpan(i)) * Vector256.Create(_synDecay.AsSpan(i)) + Vector256.Create(_synJump.AsSpan(i)) * Vector256.Create(drive[i..]);
            Vector256.Max(v, i0v).CopyTo(syn.AsSpan(i));
        }
        for (; i < syn.Length; i++) syn[i] = Math.Max(syn[i] * _synDecay[i] + _synJump[i] * drive[i], i0);
        var k = 0;
        for (; k <= Count - 4; k += 4) MembraneVector(k, spikes);
        for (; k < Count; k++) MembraneScalar(k, spikes);
    }

    private void MembraneVector(int k, List<int> spikes)
    {
        var n = Count;
        var i0 = Vector256.Create(DpiLayout.I0);
        var one = Vector256.Create(1.0);
        var ahp = Vector256.Max(V(_iahp, k) * V(_ahpDecay, k) + V(_ahpJump, k) * V(_lastSpike, k), i0);
        var imem = V(_imem, k);
        var timer = V(_timer, k);
        var refractory = Vector256.GreaterThan(timer, Vector256<double>.Zero);
        timer = Vector256.ConditionalSelect(refractory, timer - one, timer);
        var fast = Vector256.GreaterThan(V(_fastShunt, k), Vector256<double>.Zero);
        var gabaB = V(_isyn, k);
        var gabaA = V(_isyn, n + k);
        var shunt = Vector256.ConditionalSelect(fast, gabaA, gabaB);
        var subtractive = Vector256.ConditionalSelect(fast, gabaB, gabaA);
        var leak = V(_itauMem, k) + shunt;
        var nmda = V(_isyn, 2 * n + k) / (one + V(_ifNmda, k) / imem);
        var iin = nmda + V(_isyn, 3 * n + k) - subtractive + V(_idc, k) - Vector256.Create(_parity) * leak;
        iin = Vector256.ConditionalSelect(refractory, i0, Vector256.Max(iin, i0));
        var ig = V(_igMem, k);
        var inf = V(_gainRatio, k) * (iin - ahp - leak);
        var ifb = Vector256.Create(FbScale) * Vector256.Exp(Vector256.Create(FbExponent) * Vector256.Log(imem));
        var sum = imem + ig;
        var d = imem * leak * Vector256.Create(InvCUt) / sum * (inf + ifb / leak * sum - imem * (one + ahp / leak));
        imem = Vector256.Max(imem + d * Vector256.Create(_dt), i0);
        var spike = Vector256.GreaterThan(imem, V(_ispkthr, k));
        Vector256.ConditionalSelect(spike, i0, imem).CopyTo(_imem.AsSpan(k));
        Vector256.ConditionalSelect(spike, V(_refSteps, k), timer).CopyTo(_timer.AsSpan(k));
        Vector256.ConditionalSelect(spike, one, Vector256<double>.Zero).CopyTo(_lastSpike.AsSpan(k));
        ahp.CopyTo(_iahp.AsSpan(k));
        var bits = spike.ExtractMostSignificantBits();
        for (var lane = 0; bits != 0; lane++, bits >>= 1)
            if ((bits & 1) != 0) spikes.Add(k + lane);
    }

    private static Vector256<double> V(double[] a, int k) => Vector256.Create(a.AsSpan(k));

    /// <summary>The same update as <see cref="MembraneVector"/> for one neuron (the tail of a layer).</summary>
    private void MembraneScalar(int k, List<int> spikes)
    {
        const double i0 = DpiLayout.I0;
        var n = Count;
        var ahp = Math.Max(_iahp[k] * _ahpDecay[k] + _ahpJump[k] * _lastSpike[k], i0);
        _iahp[k] = ahp;
        var imem = _imem[k];
        var refractory = _timer[k] > 0;
        if (refractory) _timer[k] -= 1;
        var fast = _fastShunt[k] > 0;
        var shunt = fast ? _isyn[n + k] : _isyn[k];
        var subtractive = fast ? _isyn[k] : _isyn[n + k];
        var leak = _itauMem[k] + shunt;
        var nmda = _isyn[2 * n + k] / (1 + _ifNmda[k] / imem);
        var iin = refractory ? i0 : Math.Max(nmda + _isyn[3 * n + k] - subtractive + _idc[k] - _parity * leak, i0);
        var ig = _igMem[k];
        var inf = _gainRatio[k] * (iin - ahp - leak);
        var ifb = FbScale * Math.Exp(FbExponent * Math.Log(imem));
        var sum = imem + ig;
        var d = imem * leak * InvCUt / sum * (inf + ifb / leak * sum - imem * (1 + ahp / leak));
        imem = Math.Max(imem + d * _dt, i0);
        _lastSpike[k] = 0;
        if (imem > _ispkthr[k])
        {
            imem = i0;
            _timer[k] = _refSteps[k];
            _lastSpike[k] = 1;
            spikes.Add(k);
        }
        _imem[k] = imem;
    }
}
