namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// The _IO forms of Rockpool's JAX LIF (RecLIFJax_IO, RecLIFCurrentInJax_IO) for training: their own input
/// weights w_in (M×N) and a continuous output through w_out (N×O), both trainable, around a <see cref="LifLayer"/>:
///   d_t = x_t·W_in   (into the synapse for spike input, onto the membrane for current input)
///   V_t, S_t = LIF(d_t)   (see LifLayer, with its bias and optional W_rec)
///   y_t = σ(V_t)·W_out,   σ(v) = 1 / (1 + e^(−v))   (the zoo model's surrogate output)
/// Backward: ∂L/∂W_out = Σ_t σ(V_t)ᵀ·δy_t;  δV_t = σ'(V_t) ⊙ (δy_t·W_outᵀ), fed into the LIF's BPTT
/// (which adds the spikes' own surrogate path); ∂L/∂W_in = Σ_t x_tᵀ·δd_t;  ∂L/∂x_t = δd_t·W_inᵀ.
/// </summary>
public sealed class LifIoLayer : ISequenceLayer
{
    private Sequence? _x, _sigma;

    public LifIoLayer(LifLayer lif, int inputs, double[] inputWeights, int outputs, double[] outputWeights)
    {
        if (inputWeights.Length != inputs * lif.OutputSize)
            throw new ArgumentException($"{lif.Name}: w_in needs {inputs}×{lif.OutputSize} values, got {inputWeights.Length}");
        if (outputWeights.Length != lif.OutputSize * outputs)
            throw new ArgumentException($"{lif.Name}: w_out needs {lif.OutputSize}×{outputs} values, got {outputWeights.Length}");
        Lif = lif;
        InputSize = inputs;
        OutputSize = outputs;
        InputWeights = new Parameter("w_in", (double[])inputWeights.Clone());
        OutputWeights = new Parameter("w_out", (double[])outputWeights.Clone());
        Parameters = [InputWeights, OutputWeights, .. lif.Parameters];
    }

    public string Name => Lif.Name;
    public int InputSize { get; }
    public int OutputSize { get; }

    /// <summary>The neurons: τ, spike form, bias and W_rec.</summary>
    public LifLayer Lif { get; }

    /// <summary>W_in, row-major M×N.</summary>
    public Parameter InputWeights { get; }

    /// <summary>W_out, row-major N×O.</summary>
    public Parameter OutputWeights { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    public Sequence Forward(Sequence x, bool training)
    {
        _x = x;
        var n = Lif.OutputSize;
        Lif.Forward(MatMul(x, InputWeights.Value, n), training);
        var v = Lif.Voltages;
        _sigma = new Sequence(x.B, x.T, n, v.Data.Select(u => 1 / (1 + Math.Exp(-u))).ToArray());
        return MatMul(_sigma, OutputWeights.Value, OutputSize);
    }

    public Sequence Backward(Sequence g)
    {
        var (x, sigma) = (_x ?? throw new InvalidOperationException("backward before forward"), _sigma!);
        var n = Lif.OutputSize;
        var gv = sigma.Zeros();
        for (var b = 0; b < x.B; b++)
            for (var t = 0; t < x.T; t++)
                for (var j = 0; j < n; j++)
                {
                    var sum = 0.0;
                    for (var o = 0; o < OutputSize; o++)
                    {
                        sum += OutputWeights.Value[j * OutputSize + o] * g[b, t, o];
                        OutputWeights.Grad[j * OutputSize + o] += sigma[b, t, j] * g[b, t, o];
                    }
                    gv[b, t, j] = sum * sigma[b, t, j] * (1 - sigma[b, t, j]);
                }
        var gd = Lif.Backward(new Sequence(x.B, x.T, n), gv);
        var gx = x.Zeros();
        for (var b = 0; b < x.B; b++)
            for (var t = 0; t < x.T; t++)
                for (var m = 0; m < InputSize; m++)
                {
                    var sum = 0.0;
                    for (var j = 0; j < n; j++)
                    {
                        sum += InputWeights.Value[m * n + j] * gd[b, t, j];
                        InputWeights.Grad[m * n + j] += x[b, t, m] * gd[b, t, j];
                    }
                    gx[b, t, m] = sum;
                }
        return gx;
    }

    /// <summary>y[b,t,:] = a[b,t,:]·W (W row-major a.N × cols).</summary>
    private static Sequence MatMul(Sequence a, double[] w, int cols)
    {
        var y = new Sequence(a.B, a.T, cols);
        for (var b = 0; b < a.B; b++)
            for (var t = 0; t < a.T; t++)
                for (var i = 0; i < a.N; i++)
                {
                    var ai = a[b, t, i];
                    if (ai == 0) continue;
                    for (var c = 0; c < cols; c++) y[b, t, c] += ai * w[i * cols + c];
                }
        return y;
    }
}
