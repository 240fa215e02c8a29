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
public sealed class IafPscDelta : IPartitionedModel
{
    public const string TypeName = "iaf_psc_delta";

    private readonly double _a;
    private readonly int _refractorySteps;
    private readonly double[] _vInit;
    private readonly PoissonDrive _drive;
    private readonly StateVariables _state;

    public IafPscDelta(int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
    {
        if (size <= 0) throw new ModelParameterException("size", "size must be positive");
        Size = size;
        Dt = dt;
        Ports = [new InputPort("syn", PortKind.Spikes, size), new InputPort("current", PortKind.Current, size)];
        TauMem = IafPscExp.Positive(p, "tau_mem", 0.02);
        VThresh = p.Scalar("v_thresh", 0.02);
        VReset = p.Scalar("v_reset", 0.0);
        VRest = p.Scalar("v_rest", 0.0);
        Bias = p.Scalar("bias", 0.0);
        Refractory = p.Scalar("refractory", 0.002);
        if (Refractory < 0) throw new ModelParameterException("refractory", "refractory must be ≥ 0");
        DriveRate = p.Scalar("drive_rate", 0.0);
        DriveWeight = p.Scalar("drive_weight", 0.0);
        _refractorySteps = (int)Math.Round(Refractory / dt);
        _a = Math.Exp(-dt / TauMem);
        _drive = new PoissonDrive(size, DriveRate, dt, streams);
        _vInit = InitialPotentials.Draw(size, VRest, p.List("v_init"), p, streams);
        _state = new StateVariables(TypeName, size);
        VMem = _state.Add("v_mem");
        RefractoryLeft = _state.Add("refractory_left");
        ResetState();
    }

    public string ClassName => TypeName;
    public int Size { get; }
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports { get; }
    public int PartitionGranularity => InitialPotentials.BlockSize;

    public double TauMem { get; }
    public double VThresh { get; }
    public double VReset { get; }
    public double VRest { get; }
    public double Bias { get; }
    public double Refractory { get; }
    public double DriveRate { get; }
    public double DriveWeight { get; }

    public double[] VMem { get; }
    /// <summary>Steps left in the refractory period (whole numbers).</summary>
    public double[] RefractoryLeft { get; }

    public void ResetState()
    {
        Array.Copy(_vInit, VMem, Size);
        Array.Clear(RefractoryLeft);
        _drive.Reset();
    }

    public void Step(long step, double[][] portInput, List<int> spikes) => StepRange(step, portInput, spikes, 0, Size);

    public void StepRange(long step, double[][] portInput, List<int> spikes, int from, int to)
    {
        var jumps = portInput[0];
        var current = portInput[1];
        var v = VMem;
        var refractory = RefractoryLeft;
        var drive = _drive.Active;
        var vRestBias = VRest + Bias;
        var block = InitialPotentials.BlockSize;
        for (var start = from; start < to; start = (start / block + 1) * block)
        {
            var end = Math.Min(to, (start / block + 1) * block);
            var rng = drive ? _drive.Stream(start / block) : null;
            for (var j = start; j < end; j++)
            {
                // The drive is drawn every step, refractory or not, so the stream never depends on the state.
                var events = rng is null ? 0 : _drive.Draw(rng);
                if (refractory[j] > 0)
                {
                    refractory[j]--;
                    v[j] = VReset;
                    continue;
                }
                var vInf = vRestBias + current[j];
                var vNew = vInf + (v[j] - vInf) * _a + jumps[j] + events * DriveWeight;
                if (vNew >= VThresh)
                {
                    spikes.Add(j);
                    vNew = VReset;
                    refractory[j] = _refractorySteps;
                }
                v[j] = vNew;
            }
        }
    }

    public IReadOnlyList<string> StateNames => _state.Names;

    public ReadOnlySpan<double> StateView(string name) => _state.View(name);

    public double[] GetState(string name) => _state.Get(name);

    public void SetState(string name, ReadOnlySpan<double> values) => _state.Set(name, values);

    public ulong[][] GetRandomState() => _drive.GetState();

    public void SetRandomState(ulong[][] states) => _drive.SetState(states);

    public JsonObject ToDict()
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
        if (_vInit.Any(x => x != VRest)) d["v_init_values"] = ModelDict.PerNeuron(_vInit);
        return d;
    }
}
