using System.Text.Json.Nodes;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// Current-based LIF with separate excitatory and inhibitory exponential currents ("iaf_psc_exp",
/// as NEST names it; Brette et al. 2007 benchmark 2, Brian2's CUBA.py).
///
/// Equations (SI; currents expressed in volts, R·I):
///   τ_mem dV/dt      = −(V − v_rest) + I_exc + I_inh + bias + I_in(t)
///   τ_syn_exc dI_exc/dt = −I_exc,  τ_syn_inh dI_inh/dt = −I_inh
///   spikes on port "exc" / "inh" add their weight to I_exc / I_inh (inhibitory weights negative);
///   an optional independent Poisson drive adds drive_weight to I_exc per event, k ~ Poisson(drive_rate·dt)
///   per neuron and step (NEST's poisson_generator onto the excitatory synapse), drawn every step;
///   V &gt; v_thresh → spike, V ← v_reset, V held for round(refractory/dt) steps while the currents decay.
/// Integration: exact (closed-form propagators of the linear system), per step, as in LifExpSyn:
///   V' = V∞ + (V − V∞)·a + I_exc·c_exc + I_inh·c_inh,  c_x = τ_x/(τ_x − τ_mem)·(e^(−dt/τ_x) − a),
///   a = e^(−dt/τ_mem), V∞ = v_rest + bias + I_in.
/// </summary>
public sealed partial class IafPscExp : NestIntegrateAndFire, IPartitionedModel, IAccumulatingInput
{
    public const string TypeName = "iaf_psc_exp";

    private readonly double _a, _sExc, _sInh, _cExc, _cInh;
    private readonly int _refractorySteps;
    private readonly PoissonDrive _drive;
    private readonly double[]? _driven; // excitatory input plus the drive's events, per step

    public IafPscExp(int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(TypeName, size, dt, p, streams,
            [new InputPort("exc", PortKind.Spikes, size), new InputPort("inh", PortKind.Spikes, size), new InputPort("current", PortKind.Current, size)],
            new MembraneDefaults(VThresh: -0.05, VReset: -0.06, VRest: -0.049, Refractory: 0.005), "i_exc", "i_inh")
    {
        TauSynExc = Positive(p, "tau_syn_exc", 0.005);
        TauSynInh = Positive(p, "tau_syn_inh", 0.01);
        _refractorySteps = RefractorySteps;
        _a = Math.Exp(-dt / TauMem);
        _sExc = Math.Exp(-dt / TauSynExc);
        _sInh = Math.Exp(-dt / TauSynInh);
        _cExc = Cross(TauSynExc, TauMem, dt, _a, _sExc);
        _cInh = Cross(TauSynInh, TauMem, dt, _a, _sInh);
        IExc = Synaptic[0];
        IInh = Synaptic[1];
        DriveRate = p.Scalar("drive_rate", 0.0);
        DriveWeight = p.Scalar("drive_weight", 0.0);
        _drive = new PoissonDrive(size, DriveRate, dt, streams);
        _driven = _drive.Active ? new double[size] : null;
        VectorBits = 512;
        ResetState();
    }

    public double TauSynExc { get; }
    public double TauSynInh { get; }

    /// <summary>Rate of each neuron's independent Poisson drive (Hz; 0: none).</summary>
    public double DriveRate { get; }

    /// <summary>Jump of I_exc per drive event (R·I volts).</summary>
    public double DriveWeight { get; }

    /// <summary>True when the layer has a Poisson drive (the accelerated kernel has none).</summary>
    public bool HasDrive => _drive.Active;

    /// <summary>The Poisson drive (its table and streams), for the device-resident path, which draws the same counts.</summary>
    public PoissonDrive Drive => _drive;

    /// <summary>The step's propagators, for the accelerated version of this model.</summary>
    public (double A, double SExc, double SInh, double CExc, double CInh, int RefractorySteps) Propagators =>
        (_a, _sExc, _sInh, _cExc, _cInh, _refractorySteps);

    /// <summary>
    /// The widest vectors the step uses: 512 (eight neurons a vector, where the CPU runs AVX-512), 256 (AVX2), or 0
    /// (the scalar loop); a wider request than the CPU runs is narrowed. Every width gives the same bits (each lane does
    /// the scalar loop's operations in its order): for comparisons and tests.
    /// </summary>
    public int VectorBits
    {
        get => _vectorBits;
        set => _vectorBits = value >= 512 && Vector512.IsHardwareAccelerated ? 512 : value >= 256 && Vector256.IsHardwareAccelerated && Avx.IsSupported ? 256 : 0;
    }

    private int _vectorBits = 512;

    public double[] IExc { get; }
    public double[] IInh { get; }

    public override void ResetState()
    {
        Array.Copy(VInit, VMem, Size);
        Array.Clear(IExc);
        Array.Clear(IInh);
        Array.Clear(RefractoryLeft);
        _drive?.Reset();
    }

    /// <summary>"exc" adds into I_exc (unless the drive's events are added to its row first), "inh" into I_inh.</summary>
    public double[]? AccumulatorOf(int port) => port switch
    {
        0 => _driven is null ? IExc : null,
        1 => IInh,
        _ => null,
    };

    public ulong[][] GetRandomState() => _drive.GetState();

    public void SetRandomState(ulong[][] states) => _drive.SetState(states);

    /// <summary>The excitatory input of neurons [from, to) plus this step's drive events, block by block (so the draws do not depend on the split).</summary>
    private double[] Driven(double[] exc, int from, int to)
    {
        _drive.AddDriven(exc, _driven!, DriveWeight, from, to);
        return _driven!;
    }

    // Optimised from the first call: the kernel runs 10,000 times per simulated second and would otherwise spend
    // the first part of a short run in unoptimised (tier-0/OSR) code. Same arithmetic, same bits.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void StepRange(long step, double[][] portInput, List<int> spikes, int from, int to)
    {
        var exc = _driven is null ? portInput[0] : Driven(portInput[0], from, to);
        var inh = portInput[1];
        var current = portInput[2];
        var v = VMem;
        var ie = IExc;
        var ii = IInh;
        var refractory = RefractoryLeft;
        var vRestBias = VRest + Bias;
        var j = _vectorBits > 0 ? StepVectorised(exc, inh, current, spikes, from, to) : from;
        for (; j < to; j++)
        {
            var e = ie[j] + exc[j];
            var i = ii[j] + inh[j];
            ie[j] = e * _sExc;
            ii[j] = i * _sInh;
            if (refractory[j] > 0)
            {
                refractory[j]--;
                v[j] = VReset;
                continue;
            }
            var vInf = vRestBias + current[j];
            var vNew = vInf + (v[j] - vInf) * _a + e * _cExc + i * _cInh;
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
        var d = PscDict(this, TypeName, TauSynExc, TauSynInh);
        if (HasDrive)
        {
            d["drive_rate"] = DriveRate;
            d["drive_weight"] = DriveWeight;
        }
        return d;
    }

    /// <summary>The to_dict of a current-based NEST-named model: the membrane parameters and the two synaptic time constants.</summary>
    internal static JsonObject PscDict(NestIntegrateAndFire m, string type, double tauSynExc, double tauSynInh)
    {
        var d = ModelDict.Create(type, m.Size, m.Dt);
        d["tau_mem"] = m.TauMem;
        d["tau_syn_exc"] = tauSynExc;
        d["tau_syn_inh"] = tauSynInh;
        d["v_thresh"] = m.VThresh;
        d["v_reset"] = m.VReset;
        d["v_rest"] = m.VRest;
        d["bias"] = m.Bias;
        d["refractory"] = m.Refractory;
        if (m.VInitValues.Any(x => x != m.VRest)) d["v_init_values"] = ModelDict.PerNeuron(m.VInitValues);
        return d;
    }

    internal static double Cross(double tauSyn, double tauMem, double dt, double a, double s) =>
        Math.Abs(tauSyn - tauMem) < 1e-12 * tauMem ? dt / tauMem * a : tauSyn / (tauSyn - tauMem) * (s - a);
}
