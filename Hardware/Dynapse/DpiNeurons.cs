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
/// </summary>
public sealed class DpiNeurons : IBoardNeurons
{
    /// <summary>Mismatch parameter indices (<see cref="DeviceMismatch.Neuron"/>): 0 I_τ,mem, 1 I_g,mem, 2 I_ref, 3 I_spkthr, 4 I_dc, 5 I_pulse, 6–9 I_τ,syn, 10–13 I_g,syn, 14 I_τ,ahp, 15 I_g,ahp, 16 I_w,ahp.</summary>
    public const int MismatchParameters = 17;

    private readonly double _dt;
    private readonly bool _parity;
    private readonly double[] _itauMem, _igMem, _refSteps, _ispkthr, _idc, _ifNmda;
    private readonly double[] _synDecay, _synJump; // [4k + type]
    private readonly double[] _ahpDecay, _ahpJump, _shunt; // _shunt: code of the shunting type per neuron
    private readonly double[] _imem, _isyn, _iahp, _timer, _lastSpike;
    private readonly Dictionary<string, double[]> _state;
    private static readonly double FbExponent = DpiLayout.Kappa / (DpiLayout.Kappa + 1);
    private static readonly double FbScale = Math.Pow(DpiLayout.I0, 1 / (DpiLayout.Kappa + 1));

    /// <param name="cores">Parameters of each local neuron's core.</param>
    /// <param name="tau2">Per local neuron: leak from TauMem2 instead of TauMem.</param>
    /// <param name="factors">Per local neuron, <see cref="MismatchParameters"/> mismatch factors.</param>
    public DpiNeurons(double dt, IReadOnlyList<DpiCoreParameters> cores, IReadOnlyList<bool> tau2, IReadOnlyList<double[]> factors, bool rockpoolParity = false)
    {
        if (!(dt > 0)) throw new ArgumentException($"the chip step must be > 0, got {dt}");
        _dt = dt;
        _parity = rockpoolParity;
        var n = Count = cores.Count;
        _itauMem = new double[n]; _igMem = new double[n]; _refSteps = new double[n]; _ispkthr = new double[n];
        _idc = new double[n]; _ifNmda = new double[n]; _ahpDecay = new double[n]; _ahpJump = new double[n]; _shunt = new double[n];
        _synDecay = new double[4 * n]; _synJump = new double[4 * n];
        for (var k = 0; k < n; k++) Derive(k, cores[k], tau2[k], factors[k]);
        _imem = new double[n]; _isyn = new double[4 * n]; _iahp = new double[n]; _timer = new double[n]; _lastSpike = new double[n];
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
        var itau = DpiLayout.LeakCurrent(DpiLayout.CMem, tau2 ? p.TauMem2 : p.TauMem);
        _itauMem[k] = itau * f[0];
        _igMem[k] = p.GainMemRatio * itau * f[1];
        var iref = DpiLayout.PulseCurrent(DpiLayout.CRef, p.TRef) * f[2];
        _refSteps[k] = DpiLayout.PulseWidth(DpiLayout.CRef, iref) / _dt;
        _ispkthr[k] = p.Ispkthr * f[3];
        _idc[k] = p.Idc * f[4];
        _ifNmda[k] = p.IfNmda;
        var tPulse = DpiLayout.PulseWidth(DpiLayout.CPulse, DpiLayout.PulseCurrent(DpiLayout.CPulse, p.TPulse) * f[5]);
        for (var t = 0; t < 4; t++)
        {
            var itauSyn = DpiLayout.LeakCurrent(DpiLayout.CSyn[t], p.TauSyn[t]) * f[6 + t];
            var igSyn = p.GainSynRatio[t] * DpiLayout.LeakCurrent(DpiLayout.CSyn[t], p.TauSyn[t]) * f[10 + t];
            var tau = DpiLayout.TimeConstant(DpiLayout.CSyn[t], itauSyn);
            _synDecay[4 * k + t] = Math.Exp(-_dt / tau);
            _synJump[4 * k + t] = igSyn / itauSyn * p.Iw[t] * (1 - Math.Exp(-tPulse / tau));
        }
        var itauAhp = DpiLayout.LeakCurrent(DpiLayout.CAhp, p.TauAhp) * f[14];
        var igAhp = p.GainAhpRatio * DpiLayout.LeakCurrent(DpiLayout.CAhp, p.TauAhp) * f[15];
        var tauAhp = DpiLayout.TimeConstant(DpiLayout.CAhp, itauAhp);
        _ahpDecay[k] = Math.Exp(-_dt / tauAhp);
        _ahpJump[k] = p.IwAhp <= DpiLayout.I0 ? 0 : igAhp / itauAhp * p.IwAhp * f[16] * (1 - Math.Exp(-p.TPulseAhp / tauAhp));
        _shunt[k] = (int)p.Shunting;
    }

    public void Reset()
    {
        Array.Fill(_imem, DpiLayout.I0);
        Array.Fill(_isyn, DpiLayout.I0);
        Array.Fill(_iahp, DpiLayout.I0);
        Array.Clear(_timer);
        Array.Clear(_lastSpike);
    }

    public void Step(ReadOnlySpan<double> drive, List<int> spikes)
    {
        const double i0 = DpiLayout.I0;
        var syn = _isyn;
        for (var i = 0; i < syn.Length; i++)
        {
            var v = syn[i] * _synDecay[i] + _synJump[i] * drive[i];
            syn[i] = v < i0 ? i0 : v;
        }
        for (var k = 0; k < Count; k++)
        {
            var ahp = _iahp[k] * _ahpDecay[k] + _ahpJump[k] * _lastSpike[k];
            _iahp[k] = ahp < i0 ? i0 : ahp;
            _lastSpike[k] = 0;
            Membrane(k);
            if (_imem[k] > _ispkthr[k])
            {
                _imem[k] = i0;
                _timer[k] = _refSteps[k];
                _lastSpike[k] = 1;
                spikes.Add(k);
            }
        }
    }

    private void Membrane(int k)
    {
        const double i0 = DpiLayout.I0;
        var b = 4 * k;
        var imem = _imem[k];
        var shuntCode = (int)_shunt[k];
        var subtractive = _isyn[b + (shuntCode == 0 ? 1 : 0)];
        var leak = _itauMem[k] + _isyn[b + shuntCode];
        double iin;
        if (_timer[k] > 0)
        {
            iin = i0;
            _timer[k] -= 1;
        }
        else
        {
            var nmda = _isyn[b + 2] / (1 + _ifNmda[k] / imem);
            iin = nmda + _isyn[b + 3] - subtractive + _idc[k] - (_parity ? leak : 0);
            if (iin < i0) iin = i0;
        }
        var ig = _igMem[k];
        var ahp = _iahp[k];
        var tau = DpiLayout.CMem * DpiLayout.Ut / (DpiLayout.Kappa * leak);
        var inf = ig / _itauMem[k] * (iin - ahp - leak);
        var ifb = FbScale * Math.Exp(FbExponent * Math.Log(imem));
        var d = imem / (tau * (imem + ig)) * (inf + ifb / leak * (imem + ig) - imem * (1 + ahp / leak));
        imem += d * _dt;
        _imem[k] = imem < i0 ? i0 : imem;
    }
}
