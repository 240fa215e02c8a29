using System.Text.Json.Nodes;

namespace EventSpike.Neurons.Models.Nir;

/// <summary>
/// NIR's non-spiking integrators ("NirIntegrator"): LI (τ_syn = 0), CubaLI, and I (τ_mem = 0, τ_syn = 0); the output is the potential v.
///
/// Equations (NIR, seconds; u = what the node's edges carry in a step):
///   τ_syn dI/dt = −I + w_in·(u + bias)      (τ_syn = 0: I = w_in·(u + bias))
///   τ_mem dv/dt = (v_leak − v) + r·I         (τ_mem = 0: dv/dt = r·I)
/// Integration: <see cref="NirMembrane"/>, "exact" (zero-order hold) or "euler"; the output of step k is v at its end.
/// </summary>
public sealed class NirIntegrator : ILayerModel
{
    public const string TypeName = "NirIntegrator";

    private readonly NirMembrane _membrane;
    private readonly StateVariables _state;

    public NirIntegrator(int size, double dt, LayerParameters p)
    {
        if (size <= 0) throw new ModelParameterException("size", "size must be positive");
        if (!(dt > 0)) throw new ModelParameterException("dt", "dt must be positive");
        Size = size;
        Dt = dt;
        Ports = [new InputPort("spikes", PortKind.Spikes, size), new InputPort("current", PortKind.Current, size)];
        _membrane = new NirMembrane(size, dt, p);
        Shape = NirShape.Read(p, size);
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
    public SignalKind OutputKind => SignalKind.Continuous;
    public ReadOnlySpan<double> Output => V;

    /// <summary>Potential (the output).</summary>
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
        for (var j = 0; j < Size; j++) V[j] = _membrane.Advance(j, jumps[j] * _membrane.SpikeScale + current[j], ref I[j], V[j]);
    }

    public JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        _membrane.WriteTo(d);
        NirShape.Write(d, Shape);
        return d;
    }
}
