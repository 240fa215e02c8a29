namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// A chain of sequence layers trained by backpropagation through time. The loss is the mean squared error
/// on a chosen layer's output (default the last; later layers do not take part), plus the activity
/// regularizers' penalties on layers' outputs, each divided by the batch size as Keras does for
/// activity regularizers:
///   L = mean((ŷ − y)²) + Σ_regularized P(activity)/B
/// <see cref="Gradients"/> runs forward in training mode, then backward from the loss layer: the gradient
/// of each regularized output is added before it enters its layer's backward pass.
/// </summary>
public sealed class SequenceModel(IReadOnlyList<ISequenceLayer> layers)
{
    private readonly Dictionary<int, IRegularizer> _activity = new();

    public IReadOnlyList<ISequenceLayer> Layers { get; } = layers;

    /// <summary>The layer whose output the loss compares with the target (default the last).</summary>
    public int LossLayer { get; set; } = layers.Count - 1;

    public IEnumerable<Parameter> Parameters => Layers.Take(LossLayer + 1).SelectMany(l => l.Parameters);

    /// <summary>Puts an activity regularizer on the output of layer <paramref name="layer"/>.</summary>
    public void Regularize(int layer, IRegularizer regularizer) => _activity[layer] = regularizer;

    /// <summary>Every layer's output; in training mode the layers take their training paths.</summary>
    public IReadOnlyList<Sequence> Forward(Sequence x, bool training = false)
    {
        var outputs = new List<Sequence>();
        foreach (var layer in Layers)
        {
            x = layer.Forward(x, training);
            outputs.Add(x);
        }
        return outputs;
    }

    public Sequence Predict(Sequence x) => Forward(x)[LossLayer];

    /// <summary>The loss of a forward pass's outputs.</summary>
    public double Loss(IReadOnlyList<Sequence> outputs, Sequence y)
    {
        var yHat = outputs[LossLayer];
        Check(yHat, y);
        var mse = 0.0;
        for (var i = 0; i < y.Data.Length; i++) mse += (yHat.Data[i] - y.Data[i]) * (yHat.Data[i] - y.Data[i]);
        var loss = mse / y.Data.Length;
        foreach (var (layer, reg) in _activity)
            if (layer <= LossLayer) loss += reg.Penalty(outputs[layer]) / y.B;
        return loss;
    }

    /// <summary>Zeroes the gradients, runs forward and backward on (x, y) and returns the loss; gradients are in the parameters.</summary>
    public double Gradients(Sequence x, Sequence y, bool training = true)
    {
        foreach (var p in Parameters) p.ZeroGrad();
        var outputs = Forward(x, training);
        var loss = Loss(outputs, y);
        var yHat = outputs[LossLayer];
        var g = yHat.Zeros();
        for (var i = 0; i < g.Data.Length; i++) g.Data[i] = 2 * (yHat.Data[i] - y.Data[i]) / y.Data.Length;
        for (var l = LossLayer; l >= 0; l--)
        {
            if (_activity.TryGetValue(l, out var reg)) reg.AddGradient(outputs[l], g, 1.0 / y.B);
            g = Layers[l].Backward(g);
        }
        return loss;
    }

    private static void Check(Sequence yHat, Sequence y)
    {
        if (yHat.B != y.B || yHat.T != y.T || yHat.N != y.N)
            throw new ArgumentException($"the target is ({y.B}, {y.T}, {y.N}) but the output is ({yHat.B}, {yHat.T}, {yHat.N})");
    }
}
