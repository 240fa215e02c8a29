using System.Text.Json.Nodes;

namespace EventSpike.Neurons.Models;

/// <summary>
/// A continuous source that presents the same values on every step ("ConstantSignal"): a static
/// stimulus such as an image, flattened to one channel per pixel, held for the whole run (what a
/// rate-coded classifier sees). Channel c outputs <c>values[c]</c> at every step; no state, no draws.
/// </summary>
public sealed class ConstantSignal : ILayerModel
{
    public const string TypeName = "ConstantSignal";

    private readonly double[] _values;

    public ConstantSignal(double[] values, double dt)
    {
        if (values.Length == 0) throw new ModelParameterException("values", "a constant signal needs at least one channel");
        if (!(dt > 0) || double.IsInfinity(dt)) throw new ModelParameterException("dt", $"dt must be a positive number of seconds, got {dt}");
        _values = (double[])values.Clone();
        Dt = dt;
    }

    public string ClassName => TypeName;
    public int Size => _values.Length;
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports => [];
    public SignalKind OutputKind => SignalKind.Continuous;
    public ReadOnlySpan<double> Output => _values;

    public void Step(long step, double[][] portInput, List<int> spikes)
    {
    }

    public void ResetState()
    {
    }

    public JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        d["values"] = ModelDict.List(_values);
        return d;
    }
}
