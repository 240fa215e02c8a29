namespace EventSpike.Neurons.Training.Gradient;

/// <summary>A trainable array, its gradient (accumulated by backward passes) and an optional constraint applied after each update.</summary>
public sealed class Parameter(string name, double[] value, IConstraint? constraint = null)
{
    public string Name { get; } = name;
    public double[] Value { get; } = value;
    public double[] Grad { get; } = new double[value.Length];
    public IConstraint? Constraint { get; } = constraint;

    public void ZeroGrad() => Array.Clear(Grad);
}
