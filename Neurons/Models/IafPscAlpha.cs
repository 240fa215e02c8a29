using System.Text.Json.Nodes;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// Current-based LIF with alpha-shaped excitatory and inhibitory currents ("iaf_psc_alpha", as NEST
/// names it), parameters and ports named like <see cref="IafPscExp"/>.
///
/// Equations (SI; currents expressed in volts, R·I):
///   τ_mem dV/dt = −(V − v_rest) + I_exc + I_inh + bias + I_in(t)
///   dI_x/dt = −I_x/τ_x + dI_x,   d(dI_x)/dt = −dI_x/τ_x      (x = exc, inh)
///   a spike of weight w on port x adds w·e/τ_x to dI_x, so that alone it gives
///   I_x(t) = w·(t/τ_x)·e^(1 − t/τ_x): peak w at t = τ_x (inhibitory weights negative);
///   V &gt; v_thresh → spike, V ← v_reset, V held for round(refractory/dt) steps while the currents evolve.
/// Integration: exact (closed-form propagators of the linear system, NEST's exact integration), per
/// step h = dt, with spikes of a step added to dI_x at its start (the arrival convention of every
/// EventSpike model):
///   V' = V∞ + (V − V∞)·a + P31_x·dI_x + P32_x·I_x,   I_x' = (I_x + h·dI_x)·s_x,   dI_x' = dI_x·s_x,
///   a = e^(−h/τ_mem), s_x = e^(−h/τ_x), V∞ = v_rest + bias + I_in,
///   P32_x = τ_x/(τ_x − τ_mem)·(s_x − a),
///   P31_x = (1/τ_mem)·[s_x·(h/k − 1/k²) + a/k²] with k = 1/τ_mem − 1/τ_x (→ a·h²/(2τ_mem) as k → 0).
/// </summary>
public sealed class IafPscAlpha : NestIntegrateAndFire
{
    public const string TypeName = "iaf_psc_alpha";

    private readonly double _a, _sExc, _sInh, _p31Exc, _p32Exc, _p31Inh, _p32Inh, _kickExc, _kickInh;
    private readonly int _refractorySteps;

    public IafPscAlpha(int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(TypeName, size, dt, p, streams,
            [new InputPort("exc", PortKind.Spikes, size), new InputPort("inh", PortKind.Spikes, size), new InputPort("current", PortKind.Current, size)],
            new MembraneDefaults(VThresh: -0.05, VReset: -0.06, VRest: -0.049, Refractory: 0.005), "i_exc", "di_exc", "i_inh", "di_inh")
    {
        TauSynExc = Positive(p, "tau_syn_exc", 0.005);
        TauSynInh = Positive(p, "tau_syn_inh", 0.01);
        _refractorySteps = RefractorySteps;
        _a = Math.Exp(-dt / TauMem);
        _sExc = Math.Exp(-dt / TauSynExc);
        _sInh = Math.Exp(-dt / TauSynInh);
        _p32Exc = IafPscExp.Cross(TauSynExc, TauMem, dt, _a, _sExc);
        _p32Inh = IafPscExp.Cross(TauSynInh, TauMem, dt, _a, _sInh);
        _p31Exc = Ramp(TauSynExc, TauMem, dt, _a);
        _p31Inh = Ramp(TauSynInh, TauMem, dt, _a);
        _kickExc = Math.E / TauSynExc;
        _kickInh = Math.E / TauSynInh;
        IExc = Synaptic[0];
        DIExc = Synaptic[1];
        IInh = Synaptic[2];
        DIInh = Synaptic[3];
        ResetState();
    }

    public double TauSynExc { get; }
    public double TauSynInh { get; }

    public double[] IExc { get; }
    public double[] DIExc { get; }
    public double[] IInh { get; }
    public double[] DIInh { get; }

    public override void ResetState()
    {
        Array.Copy(VInit, VMem, Size);
        foreach (var s in Synaptic) Array.Clear(s);
        Array.Clear(RefractoryLeft);
    }

    public override void StepRange(long step, double[][] portInput, List<int> spikes, int from, int to)
    {
        var (exc, inh, current) = (portInput[0], portInput[1], portInput[2]);
        var (v, ie, die, ii, dii, refractory) = (VMem, IExc, DIExc, IInh, DIInh, RefractoryLeft);
        var vRestBias = VRest + Bias;
        for (var j = from; j < to; j++)
        {
            var de = die[j] + exc[j] * _kickExc;
            var di = dii[j] + inh[j] * _kickInh;
            var e = ie[j];
            var i = ii[j];
            ie[j] = (e + Dt * de) * _sExc;
            ii[j] = (i + Dt * di) * _sInh;
            die[j] = de * _sExc;
            dii[j] = di * _sInh;
            if (refractory[j] > 0)
            {
                refractory[j]--;
                v[j] = VReset;
                continue;
            }
            var vInf = vRestBias + current[j];
            var vNew = vInf + (v[j] - vInf) * _a + de * _p31Exc + e * _p32Exc + di * _p31Inh + i * _p32Inh;
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
        return IafPscExp.PscDict(this, TypeName, TauSynExc, TauSynInh);
    }

    /// <summary>
    /// P31: the membrane's response over one step to a unit dI (current rising as t·e^(−t/τ_syn)).
    /// With k = 1/τ_mem − 1/τ_syn and x = k·h it is (a·h²/τ_mem)·g(x), g(x) = (x·e^x − (e^x − 1))/x², summed as its
    /// series Σ (n+1)xⁿ/(n+2)! near x = 0, where the closed form cancels.
    /// </summary>
    internal static double Ramp(double tauSyn, double tauMem, double h, double a)
    {
        var x = (1 / tauMem - 1 / tauSyn) * h;
        double g;
        if (Math.Abs(x) < 0.1)
        {
            g = 0;
            double term = 0.5, power = 1; // (n+1)/(n+2)! at n = 0
            for (var n = 0; n < 12; n++)
            {
                g += term * power;
                power *= x;
                term = term * (n + 2) / ((n + 1) * (n + 3));
            }
        }
        else g = (x * Math.Exp(x) - (Math.Exp(x) - 1)) / (x * x); // |x| ≥ 0.1: the cancellation costs at most two digits
        return a * h * h / tauMem * g;
    }
}
