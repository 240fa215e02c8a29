using System.Text.Json.Nodes;

namespace EventSpike.Neurons.Models.Nir;

/// <summary>
/// NIR's spiking neurons ("NirNeuron"): LIF (τ_syn = 0), CubaLIF, and IF (τ_mem = 0), as a NIR graph maps them.
///
/// Equations (NIR, seconds; u = what the node's edges carry in a step, spikes counting 1 per step, weighted):
///   τ_syn dI/dt = −I + w_in·(u + bias)      (τ_syn = 0: I = w_in·(u + bias))
///   τ_mem dv/dt = (v_leak − v) + r·I         (τ_mem = 0: dv/dt = r·I)
///   v > v_threshold at the end of a step → spike; reset "zero": v ← v_reset, "subtract": v ← v − (v_threshold − v_reset)
/// Integration: <see cref="NirMembrane"/>: "exact" (zero-order hold, closed-form propagator) or "euler"
/// (forward Euler, as Norse and snnTorch). A spike found at the end of step k is stamped (k+1)·dt.
/// </summary>
public sealed class NirNeuron : ILayerModel
{
    public const string TypeName = "NirNeuron";

    private readonly NirMembrane _membrane;
    private readonly StateVariables _state;
    private readonly bool _subtract;

    public NirNeuron(int size, double dt, LayerParameters p)
    {
        if (size <= 0) throw new ModelParameterException("size", "size must be positive");
        if (!(dt > 0)) throw new ModelParameterException("dt", "dt must be positive");
        Size = size;
        Dt = dt;
        Ports = [new InputPort("spikes", PortKind.Spikes, size), new InputPort("current", PortKind.Current, size)];
        _membrane = new NirMembrane(size, dt, p);
        Shape = NirShape.Read(p, size);
        VThreshold = p.PerNeuron("v_threshold", 1.0, size);
        VReset = p.PerNeuron("v_reset", 0.0, size);
        Reset = p.Text("reset", "zero");
        if (Reset is not ("zero" or "subtract")) throw new ModelParameterException("reset", $"reset must be \"zero\" or \"subtract\", got \"{Reset}\"");
        _subtract = Reset == "subtract";
        _state = new StateVariables(TypeName, size);
        V = _state.Add("v");
        I = _state.Add("i");
        ResetState();
    }

    public string ClassName => TypeName;

    /// <summary>The NIR shape of the node (null: one dimension of Size).</summary>
    public int[]? Shape { get; }

    public int Size { get; }
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports { get; }

    public double[] VThreshold { get; }
    public double[] VReset { get; }

    /// <summary>"zero" (to v_reset, NIR's definition) or "subtract" (by v_threshold − v_reset).</summary>
    public string Reset { get; }

    /// <summary>Membrane potential.</summary>
    public double[] V { get; }

    /// <summary>Synaptic current.</summary>
    public double[] I { get; }

    /// <summary>The membrane parameters (read by the NIR export).</summary>
    public NirMembrane Membrane => _membrane;

    public IReadOnlyList<string> StateNames => _state.Names;

    public double[] GetState(string name) => _state.Get(name);

    public ReadOnlySpan<double> StateView(string name) => _state.View(name);

    public void SetState(string name, ReadOnlySpan<double> values) => _state.Set(name, values);

    public void ResetState()
    {
        Array.Copy(_membrane.VInit, V, Size);
        Array.Clear(I);
    }

    public void Step(long step, double[][] portInput, List<int> spikes)
    {
        var (jumps, current) = (portInput[0], portInput[1]);
        for (var j = 0; j < Size; j++)
        {
            var v = _membrane.Advance(j, jumps[j] * _membrane.SpikeScale + current[j], ref I[j], V[j]);
            if (v > VThreshold[j])
            {
                spikes.Add(j);
                v = _subtract ? v - (VThreshold[j] - VReset[j]) : VReset[j];
            }
            V[j] = v;
        }
    }

    public JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        _membrane.WriteTo(d);
        d["v_threshold"] = ModelDict.PerNeuron(VThreshold);
        d["v_reset"] = ModelDict.PerNeuron(VReset);
        d["reset"] = Reset;
        NirShape.Write(d, Shape);
        return d;
    }
}
