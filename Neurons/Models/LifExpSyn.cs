using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// Leaky integrate-and-fire neurons with one exponential current synapse ("LIF").
///
/// Equations (SI units; currents expressed in volts, i.e. R·I, as Rockpool's IAF layers do):
///   τ_mem dV/dt   = −(V − v_rest) + I_syn + bias + I_in(t)
///   τ_syn dI_syn/dt = −I_syn
///   a weighted input spike of weight w adds w to I_syn (port "syn");
///   I_in is a continuous input held constant over a step (port "current").
///   V &gt; v_thresh → spike, V ← v_reset, held at v_reset for round(refractory/dt) steps while
///   I_syn keeps decaying.
///
/// Integration: exact over each step (the linear system has a closed-form propagator). With
/// V∞ = v_rest + bias + I_in, a = e^(−dt/τ_mem), s = e^(−dt/τ_syn):
///   V(t+dt)     = V∞ + (V − V∞)·a + I_syn·τ_syn/(τ_syn − τ_mem)·(s − a)   (τ_syn ≠ τ_mem)
///                 V∞ + (V − V∞)·a + I_syn·(dt/τ_mem)·a                      (τ_syn = τ_mem)
///   I_syn(t+dt) = I_syn·s
/// Step k integrates [k·dt, (k+1)·dt); input spikes delivered at step k are added to I_syn at the
/// start of that step; a spike found at the end of step k is stamped (k+1)·dt.
/// </summary>
public sealed class LifExpSyn : IPartitionedModel
{
    public const string TypeName = "LIF";

    private readonly double[] _propMem;   // a
    private readonly double[] _propSyn;   // s
    private readonly double[] _propCross; // coefficient of I_syn in V(t+dt)
    private readonly int[] _refractorySteps;
    private readonly double[] _vInit;
    private readonly bool _vInitGiven;
    private readonly StateVariables _state;

    /// <summary>A layer whose random initial potentials all come from <paramref name="rng"/>, in neuron order.</summary>
    public LifExpSyn(int size, double dt, LayerParameters p, Xoshiro256StarStar rng) : this(size, dt, p, _ => rng)
    {
    }

    /// <summary>A layer whose random initial potentials come from the streams of its 1,024-neuron blocks (as every split-able model).</summary>
    public LifExpSyn(int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
    {
        if (size <= 0) throw new ModelParameterException("size", "size must be positive");
        if (!(dt > 0)) throw new ModelParameterException("dt", "dt must be positive");
        Size = size;
        Dt = dt;
        Ports = [new InputPort("syn", PortKind.Spikes, size), new InputPort("current", PortKind.Current, size)];
        TauMem = Positive(p.PerNeuron("tau_mem", 0.02, size), "tau_mem");
        TauSyn = Positive(p.PerNeuron("tau_syn", 0.005, size), "tau_syn");
        VThresh = p.PerNeuron("v_thresh", -0.055, size);
        VReset = p.PerNeuron("v_reset", -0.065, size);
        VRest = p.PerNeuron("v_rest", -0.065, size);
        Bias = p.PerNeuron("bias", 0.0, size);
        Refractory = p.PerNeuron("refractory", 0.0, size);
        var vInitRange = p.List("v_init");
        _vInitGiven = vInitRange is not null || p.Has("v_init_values") || p.Has("v_init_mean") || p.Has("v_init_std");

        _propMem = new double[size];
        _propSyn = new double[size];
        _propCross = new double[size];
        _refractorySteps = new int[size];
        for (var j = 0; j < size; j++)
        {
            var a = Math.Exp(-dt / TauMem[j]);
            var s = Math.Exp(-dt / TauSyn[j]);
            _propMem[j] = a;
            _propSyn[j] = s;
            _propCross[j] = Math.Abs(TauSyn[j] - TauMem[j]) < 1e-12 * TauMem[j]
                ? dt / TauMem[j] * a
                : TauSyn[j] / (TauSyn[j] - TauMem[j]) * (s - a);
            if (Refractory[j] < 0) throw new ModelParameterException("refractory", "refractory must be ≥ 0");
            _refractorySteps[j] = (int)Math.Round(Refractory[j] / dt);
        }

        _vInit = InitialPotentials.Draw(size, VRest, vInitRange, p, streams);

        _state = new StateVariables(TypeName, size);
        VMem = _state.Add("v_mem");
        ISyn = _state.Add("i_syn");
        RefractoryLeft = _state.Add("refractory_left");
        ResetState();
    }

    public string ClassName => TypeName;
    public int Size { get; }
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports { get; }

    public double[] TauMem { get; }
    public double[] TauSyn { get; }
    public double[] VThresh { get; }
    public double[] VReset { get; }
    public double[] VRest { get; }
    public double[] Bias { get; }
    public double[] Refractory { get; }

    /// <summary>Membrane potential (V).</summary>
    public double[] VMem { get; }

    /// <summary>Synaptic current, in volts (R·I).</summary>
    public double[] ISyn { get; }

    /// <summary>Steps left in the refractory period.</summary>
    public double[] RefractoryLeft { get; }

    public void ResetState()
    {
        Array.Copy(_vInit, VMem, Size);
        Array.Clear(ISyn);
        Array.Clear(RefractoryLeft);
    }

    public IReadOnlyList<string> StateNames => _state.Names;

    public ReadOnlySpan<double> StateView(string name) => _state.View(name);

    public double[] GetState(string name) => _state.Get(name);

    public void SetState(string name, ReadOnlySpan<double> values) => _state.Set(name, values);

    /// <summary>Rockpool's rule (source version): each potential drawn from N(v, (0.02·|v|)²).</summary>
    public void RandomizeState(Xoshiro256StarStar rng)
    {
        for (var j = 0; j < Size; j++) VMem[j] += 0.02 * Math.Abs(VMem[j]) * rng.NextGaussian();
    }

    public System.Text.Json.Nodes.JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        d["tau_mem"] = ModelDict.PerNeuron(TauMem);
        d["tau_syn"] = ModelDict.PerNeuron(TauSyn);
        d["v_thresh"] = ModelDict.PerNeuron(VThresh);
        d["v_reset"] = ModelDict.PerNeuron(VReset);
        d["v_rest"] = ModelDict.PerNeuron(VRest);
        d["bias"] = ModelDict.PerNeuron(Bias);
        d["refractory"] = ModelDict.PerNeuron(Refractory);
        // The drawn initial potentials themselves, so the rebuilt layer starts identically.
        if (_vInitGiven) d["v_init_values"] = ModelDict.PerNeuron(_vInit);
        return d;
    }

    public int PartitionGranularity => InitialPotentials.BlockSize;

    public void Step(long step, double[][] portInput, List<int> spikes) => StepRange(step, portInput, spikes, 0, Size);

    public void StepRange(long step, double[][] portInput, List<int> spikes, int from, int to)
    {
        var jumps = portInput[0];
        var current = portInput[1];
        var v = VMem;
        var isyn = ISyn;
        for (var j = from; j < to; j++)
        {
            var i = isyn[j] + jumps[j];
            if (RefractoryLeft[j] > 0)
            {
                RefractoryLeft[j]--;
                v[j] = VReset[j];
                isyn[j] = i * _propSyn[j];
                continue;
            }
            var vInf = VRest[j] + Bias[j] + current[j];
            var vNew = vInf + (v[j] - vInf) * _propMem[j] + i * _propCross[j];
            isyn[j] = i * _propSyn[j];
            if (vNew > VThresh[j])
            {
                spikes.Add(j);
                vNew = VReset[j];
                RefractoryLeft[j] = _refractorySteps[j];
            }
            v[j] = vNew;
        }
    }

    private static double[] Positive(double[] values, string name)
    {
        foreach (var x in values)
            if (!(x > 0)) throw new ModelParameterException(name, $"{name} must be > 0, got {x}");
        return values;
    }
}
