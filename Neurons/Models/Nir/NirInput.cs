using System.Text.Json.Nodes;

namespace EventSpike.Neurons.Models.Nir;

/// <summary>
/// NIR's Input node ("NirInput"): a source that emits nothing by itself; <c>--input NAME=FILE</c>
/// replaces it with the file's events (a TSEvent) or samples (a TSContinuous).
///
/// Equations: none (a NIR input left unfed is zero). Integration: none.
/// </summary>
public sealed class NirInput : ILayerModel
{
    public const string TypeName = "NirInput";

    public NirInput(int size, double dt, LayerParameters p)
    {
        if (size <= 0) throw new ModelParameterException("size", "size must be positive");
        if (!(dt > 0)) throw new ModelParameterException("dt", "dt must be positive");
        Size = size;
        Dt = dt;
        Shape = NirShape.Read(p, size);
    }

    public string ClassName => TypeName;

    /// <summary>The NIR shape of the node (null: one dimension of Size).</summary>
    public int[]? Shape { get; }

    public int Size { get; }
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports => [];

    public void ResetState()
    {
    }

    public void Step(long step, double[][] portInput, List<int> spikes)
    {
    }

    public JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        NirShape.Write(d, Shape);
        return d;
    }
}
