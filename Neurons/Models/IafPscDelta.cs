using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// LIF with delta synapses ("iaf_psc_delta", NEST's model; Brunel 2000).
///
/// Equations (SI; V in volts):
///   τ_mem dV/dt = −(V − v_rest) + bias + I_in(t)
///   a spike of weight J arriving on port "syn" makes V jump by J at the start of its step;
///   an optional independent Poisson drive adds drive_weight per event at drive_rate Hz;
///   V ≥ v_thresh → spike, V ← v_reset; during round(refractory/dt) steps V is held and every
///   input (spikes and drive) is discarded, as NEST does.
/// Integration: exact; V' = V∞ + (V − V∞)·e^(−dt/τ_mem) + jumps, V∞ = v_rest + bias + I_in.
/// </summary>
public sealed partial class IafPscDelta : NestIntegrateAndFire, IPartitionedModel
{
    public const string TypeName = "iaf_psc_delta";

    private readonly double _a;
    private readonly int _refractorySteps;
    private readonly PoissonDrive _drive;
    private readonly double[]? _zero, _driveJumps; // the drive's jumps (events · drive_weight) per neuron and step

    public IafPscDelta(int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(TypeName, size, dt, p, streams, [new InputPort("syn", PortKind.Spikes, size), new InputPort("current", PortKind.Current, size)],
            new MembraneDefaults(VThresh: 0.02, VReset: 0.0, VRest: 0.0, Refractory: 0.002))
    {
        DriveRate = p.Scalar("drive_rate", 0.0);
        DriveWeight = p.Scalar("drive_weight", 0.0);
        _refractorySteps = RefractorySteps;
        _a = Math.Exp(-dt / TauMem);
        _drive = new PoissonDrive(size, DriveRate, dt, streams);
        if (_drive.Active) (_zero, _driveJumps) = (new double[size], new double[size]);
        ResetState();
    }

    public double DriveRate { get; }
    public double DriveWeight { get; }

    /// <summary>
    /// The vectors the step uses: 256 (AVX2, eight neurons an iteration) where the CPU runs them, or 0 (the scalar loop);
    /// a request the CPU does not run is narrowed. Both give the same bits: for comparisons and tests.
    /// </summary>
    public int VectorBits
    {
        get => _vectorBits;
        set => _vectorBits = value >= 256 && Vector256.IsHardwareAccelerated ? 256 : 0;
    }

    private int _vectorBits = Vector256.IsHardwareAccelerated ? 256 : 0;

    public override void ResetState()
    {
        Array.Copy(VInit, VMem, Size);
        Array.Clear(RefractoryLeft);
        _drive.Reset();
    }

    // Optimised from the first call, as iaf_psc_exp's: the kernel runs 10,000 times per simulated second.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void StepRange(long step, double[][] portInput, List<int> spikes, int from, int to)
    {
        var jumps = portInput[0];
        var current = portInput[1];
        var v = VMem;
        var refractory = RefractoryLeft;
        var vRestBias = VRest + Bias;
        // The drive is drawn every step, refractory or not, so the streams never depend on the state: every neuron's
        // count at once, block by block (the counts Draw would give), as 0 + k · drive_weight = k · drive_weight.
        var drive = _driveJumps;
        if (drive is not null) _drive.AddDriven(_zero!, drive, DriveWeight, from, to);
        var j = VectorBits > 0 ? StepVectorised(jumps, current, drive, spikes, from, to) : from;
        for (; j < to; j++)
        {
            if (refractory[j] > 0)
            {
                refractory[j]--;
                v[j] = VReset;
                continue;
            }
            var vInf = vRestBias + current[j];
            var vNew = vInf + (v[j] - vInf) * _a + jumps[j] + (drive is null ? 0 : drive[j]);
            if (vNew >= VThresh)
            {
                spikes.Add(j);
                vNew = VReset;
                refractory[j] = _refractorySteps;
            }
            v[j] = vNew;
        }
    }

    public ulong[][] GetRandomState() => _drive.GetState();

    public void SetRandomState(ulong[][] states) => _drive.SetState(states);

    public override JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        d["tau_mem"] = TauMem;
        d["v_thresh"] = VThresh;
        d["v_reset"] = VReset;
        d["v_rest"] = VRest;
        d["bias"] = Bias;
        d["refractory"] = Refractory;
        d["drive_rate"] = DriveRate;
        d["drive_weight"] = DriveWeight;
        if (VInit.Any(x => x != VRest)) d["v_init_values"] = ModelDict.PerNeuron(VInit);
        return d;
    }
}
