using System.Text.Json.Nodes;

namespace EventSpike.Neurons.Models.Nir;

/// <summary>
/// NIR's Threshold ("NirThreshold"): a stateless Heaviside on the input.
///
/// Equations: z = H(u + bias − threshold): a spike in every step whose input u (what the edges carry, spikes counting 1) exceeds the threshold.
/// Integration: none (no state); a spike of step k is stamped (k+1)·dt.
/// </summary>
public sealed class NirThreshold : ILayerModel
{
    public const string TypeName = "NirThreshold";

    public NirThreshold(int size, double dt, LayerParameters p)
    {
        if (size <= 0) throw new ModelParameterException("size", "size must be positive");
        if (!(dt > 0)) throw new ModelParameterException("dt", "dt must be positive");
        Size = size;
        Dt = dt;
        Ports = [new InputPort("spikes", PortKind.Spikes, size), new InputPort("current", PortKind.Current, size)];
        Threshold = p.PerNeuron("threshold", 0.0, size);
        Bias = p.PerNeuron("bias", 0.0, size);
        Shape = NirShape.Read(p, size);
    }

    public string ClassName => TypeName;

    /// <summary>The NIR shape of the node (null: one dimension of Size).</summary>
    public int[]? Shape { get; }

    public int Size { get; }
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports { get; }
    public double[] Threshold { get; }
    public double[] Bias { get; }

    public void ResetState()
    {
    }

    public void Step(long step, double[][] portInput, List<int> spikes)
    {
        for (var j = 0; j < Size; j++)
            if (portInput[0][j] + portInput[1][j] + Bias[j] > Threshold[j]) spikes.Add(j);
    }

    public JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        d["threshold"] = ModelDict.PerNeuron(Threshold);
        d["bias"] = ModelDict.PerNeuron(Bias);
        NirShape.Write(d, Shape);
        return d;
    }
}
