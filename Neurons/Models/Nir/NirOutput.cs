using System.Text.Json.Nodes;

namespace EventSpike.Neurons.Models.Nir;

/// <summary>
/// NIR's Output node ("NirOutput"): what the graph hands out, as a continuous signal.
///
/// Equations: y = u + bias, u = what the node's edges carry in the step (a spike counts 1, weighted by its edge).
/// Integration: none (no state); the output of step k is that step's input.
/// </summary>
public sealed class NirOutput : ILayerModel
{
    public const string TypeName = "NirOutput";

    private readonly double[] _y;

    public NirOutput(int size, double dt, LayerParameters p)
    {
        if (size <= 0) throw new ModelParameterException("size", "size must be positive");
        if (!(dt > 0)) throw new ModelParameterException("dt", "dt must be positive");
        Size = size;
        Dt = dt;
        Ports = [new InputPort("spikes", PortKind.Spikes, size), new InputPort("current", PortKind.Current, size)];
        Bias = p.PerNeuron("bias", 0.0, size);
        Shape = NirShape.Read(p, size);
        _y = new double[size];
    }

    public string ClassName => TypeName;

    /// <summary>The NIR shape of the node (null: one dimension of Size).</summary>
    public int[]? Shape { get; }

    public int Size { get; }
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports { get; }
    public SignalKind OutputKind => SignalKind.Continuous;
    public ReadOnlySpan<double> Output => _y;
    public double[] Bias { get; }

    public void ResetState() => Array.Clear(_y);

    public void Step(long step, double[][] portInput, List<int> spikes)
    {
        for (var j = 0; j < Size; j++) _y[j] = portInput[0][j] + portInput[1][j] + Bias[j];
    }

    public JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        d["bias"] = ModelDict.PerNeuron(Bias);
        NirShape.Write(d, Shape);
        return d;
    }
}
