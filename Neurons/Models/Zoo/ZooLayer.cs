using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// What the Rockpool, KerasSpiking and PyTorchSpiking layers share: the class name they were built
/// under (an alias keeps its name through <c>ToDict</c>), Rockpool's <c>name</c>, a registry of
/// named state vectors (get/set with size checks), an optional continuous output buffer, and the
/// layer's noise streams. The size a network file gives is checked against the weights; size 0
/// (a Rockpool dict, which has none) takes it from them.
/// </summary>
public abstract class ZooLayer : ILayerModel
{
    private readonly List<(string Name, double[] Values)> _states = new();
    private readonly int _requestedSize;

    protected ZooLayer(string className, int size, double dt, LayerParameters p)
    {
        if (size < 0) throw new ModelParameterException("size", "size must be positive");
        if (!(dt > 0) || double.IsInfinity(dt)) throw new ModelParameterException("dt", $"dt must be a positive number of seconds, got {dt}");
        ClassName = className;
        _requestedSize = size;
        Size = size;
        Dt = dt;
        Name = p.Text("name", "unnamed");
    }

    public string ClassName { get; }
    public int Size { get; private set; }
    public double Dt { get; }

    /// <summary>Rockpool's layer name (kept for <c>to_dict</c>).</summary>
    public string Name { get; }

    public abstract IReadOnlyList<InputPort> Ports { get; }
    public virtual SignalKind OutputKind => SignalKind.Spikes;

    /// <summary>Continuous output of the last step (continuous models only).</summary>
    protected double[] OutputValues { get; private set; } = [];

    public ReadOnlySpan<double> Output => OutputValues;

    /// <summary>The layer's noise streams, when it has any.</summary>
    protected BlockNoise? Noise { get; set; }

    public abstract void Step(long step, double[][] portInput, List<int> spikes);
    public abstract void ResetState();
    public abstract JsonObject ToDict();

    public IReadOnlyList<string> StateNames => _states.Select(s => s.Name).ToList();

    public double[] GetState(string name) => (double[])Find(name).Clone();

    public void SetState(string name, ReadOnlySpan<double> values)
    {
        var target = Find(name);
        if (values.Length != target.Length) throw new ArgumentException($"state '{name}' of {ClassName} needs {target.Length} values, got {values.Length}");
        values.CopyTo(target);
    }

    public ulong[][] GetRandomState() => Noise?.GetState() ?? [];

    public void SetRandomState(ulong[][] states)
    {
        if (Noise is null)
        {
            if (states.Length != 0) throw new ArgumentException($"{ClassName} has no random streams");
            return;
        }
        Noise.SetState(states);
    }

    public virtual void RandomizeState(Xoshiro256StarStar rng)
    {
        // Rockpool's Layer.randomize_state (source version): each value from N(x, (0.02·|x|)²).
        if (_states.Count == 0) return;
        var v = _states[0].Values;
        for (var j = 0; j < v.Length; j++) v[j] += 0.02 * Math.Abs(v[j]) * rng.NextGaussian();
    }

    /// <summary>Fixes the layer's size from its weights: the given size must match, 0 takes it.</summary>
    protected int ResolveSize(int fromWeights, string parameter)
    {
        if (fromWeights <= 0) throw new ModelParameterException(parameter, $"'{parameter}' gives the layer no outputs");
        if (_requestedSize != 0 && _requestedSize != fromWeights)
            throw new ModelParameterException(parameter, $"'{parameter}' gives {fromWeights} outputs but the layer's size is {_requestedSize}");
        Size = fromWeights;
        return fromWeights;
    }

    /// <summary>The size given, for layers whose size is not set by weights.</summary>
    protected int RequireSize()
    {
        if (_requestedSize <= 0) throw new ModelParameterException("size", "size must be positive");
        return _requestedSize;
    }

    /// <summary>A required weight matrix.</summary>
    protected static DenseMatrix RequiredMatrix(LayerParameters p, string name) =>
        p.Matrix(name) ?? throw new ModelParameterException(name, $"'{name}' is required (a matrix as a list of rows)");

    /// <summary>Registers a named state vector of <paramref name="length"/> values.</summary>
    protected double[] AddState(string name, int length)
    {
        var values = new double[length];
        _states.Add((name, values));
        return values;
    }

    protected void AllocateOutput(int channels) => OutputValues = new double[channels];

    /// <summary>class_name, size, dt and name: the keys every dict starts with.</summary>
    protected JsonObject BaseDict()
    {
        var d = ModelDict.Create(ClassName, Size, Dt);
        d["name"] = Name;
        return d;
    }

    protected static double[] Positive(double[] values, string name)
    {
        foreach (var x in values)
            if (!(x > 0) || double.IsInfinity(x)) throw new ModelParameterException(name, $"'{name}' must be > 0, got {x}");
        return values;
    }

    protected static double NonNegative(double value, string name) =>
        value >= 0 && !double.IsInfinity(value) ? value : throw new ModelParameterException(name, $"'{name}' must be ≥ 0, got {value}");

    private double[] Find(string name)
    {
        foreach (var (n, values) in _states)
            if (n == name) return values;
        throw new KeyNotFoundException($"{ClassName} has no state variable '{name}'; it has {string.Join(", ", _states.Select(s => s.Name))}");
    }
}
