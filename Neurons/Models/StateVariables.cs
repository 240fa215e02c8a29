namespace EventSpike.Neurons.Models;

/// <summary>
/// The named per-neuron state arrays of a model (<c>v_mem</c>, <c>i_syn</c>, ...): one place for what
/// every model offers through <see cref="ILayerModel.StateNames"/>, <c>GetState</c>, <c>StateView</c>
/// and <c>SetState</c>, with the size checks and the errors that name what exists.
/// </summary>
public sealed class StateVariables(string model, int size)
{
    private readonly List<(string Name, double[] Values)> _variables = new();

    /// <summary>Declares a state variable and returns its array (zeros).</summary>
    public double[] Add(string name)
    {
        var values = new double[size];
        _variables.Add((name, values));
        return values;
    }

    public IReadOnlyList<string> Names => _variables.Select(v => v.Name).ToList();

    public ReadOnlySpan<double> View(string name) => Find(name);

    public double[] Get(string name) => (double[])Find(name).Clone();

    public void Set(string name, ReadOnlySpan<double> values)
    {
        var target = Find(name);
        if (values.Length != target.Length) throw new ArgumentException($"state '{name}' needs {target.Length} values, got {values.Length}");
        values.CopyTo(target);
    }

    private double[] Find(string name)
    {
        foreach (var (n, values) in _variables)
            if (n == name) return values;
        throw new KeyNotFoundException($"{model} has no state variable '{name}'; it has {string.Join(", ", Names)}");
    }
}
