using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// A dense layer applied at every step (Keras Dense on a sequence, i.e. TimeDistributed):
///   y[b,t,:] = act(x[b,t,:]·W + bias),   W in×out (Glorot-uniform from the layer's seed), bias 0
/// Gradients: δz = ∂L/∂y ⊙ act'(z);  ∂L/∂W = Σ_{b,t} xᵀδz;  ∂L/∂bias = Σ δz;  ∂L/∂x = δz·Wᵀ.
/// </summary>
public sealed class DenseLayer : ISequenceLayer
{
    private readonly Func<double, double> _f, _df;
    private Sequence? _x, _z;

    public DenseLayer(string name, int inputs, int units, string activation = "linear", ulong seed = 0, bool useBias = true)
    {
        Name = name;
        InputSize = inputs;
        OutputSize = units;
        ActivationName = activation;
        (_f, _df) = Activations.ByName(activation);
        var limit = Math.Sqrt(6.0 / (inputs + units));
        var rng = StreamSeed.Generator(seed, "dense:" + name, 0);
        Weights = new Parameter("kernel", Enumerable.Range(0, inputs * units).Select(_ => rng.NextUniform(-limit, limit)).ToArray());
        Bias = new Parameter("bias", new double[units]);
        Parameters = useBias ? [Weights, Bias] : [Weights];
    }

    public string Name { get; }
    public int InputSize { get; }
    public int OutputSize { get; }
    public string ActivationName { get; }

    /// <summary>W, row-major in×out.</summary>
    public Parameter Weights { get; }

    public Parameter Bias { get; }
    public IReadOnlyList<Parameter> Parameters { get; }

    public Sequence Forward(Sequence x, bool training)
    {
        if (x.N != InputSize) throw new ArgumentException($"{Name} takes {InputSize} inputs, got {x.N}");
        var z = new Sequence(x.B, x.T, OutputSize);
        var y = z.Zeros();
        var w = Weights.Value;
        for (var r = 0; r < x.B * x.T; r++)
            for (var j = 0; j < OutputSize; j++)
            {
                var s = Bias.Value[j];
                for (var i = 0; i < InputSize; i++) s += x.Data[r * InputSize + i] * w[i * OutputSize + j];
                z.Data[r * OutputSize + j] = s;
                y.Data[r * OutputSize + j] = _f(s);
            }
        (_x, _z) = (x, z);
        return y;
    }

    public Sequence Backward(Sequence gradOutput)
    {
        var (x, z) = (_x ?? throw new InvalidOperationException("backward before forward"), _z!);
        var gx = x.Zeros();
        var w = Weights.Value;
        for (var r = 0; r < x.B * x.T; r++)
            for (var j = 0; j < OutputSize; j++)
            {
                var d = gradOutput.Data[r * OutputSize + j] * _df(z.Data[r * OutputSize + j]);
                if (d == 0) continue;
                Bias.Grad[j] += d;
                for (var i = 0; i < InputSize; i++)
                {
                    Weights.Grad[i * OutputSize + j] += x.Data[r * InputSize + i] * d;
                    gx.Data[r * InputSize + i] += d * w[i * OutputSize + j];
                }
            }
        return gx;
    }
}
