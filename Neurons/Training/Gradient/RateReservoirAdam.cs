using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// Rockpool's <c>add_train_output</c>/<c>train_adam</c> for RecRateEulerJax: each call is one Adam step
/// (lr 1e-4) over w_in, w_recurrent, w_out, τ and bias, from the reservoir's current state, without
/// advancing its time or state. Forward as the model (α = dt/τ):
///   a_k = H(x_k);  x_{k+1} = x_k + α⊙(−x_k + I_k·W_in + a_k·W_rec + b);  o_k = H(x_{k+1})·W_out
///   L = mean((o − y)²) + 10⁴·mean_j([τ_j &lt; τ_min]·e^(−(τ_j − τ_min))) + mean(W_rec²),  τ_min = 10·dt by default
/// Backward through time: δd_k = α⊙δx_{k+1}; δx_k += (1 − α)⊙δx_{k+1} + H'(x_k)⊙(W_rec·δd_k);
/// ∂L/∂τ = Σ_k δx_{k+1}⊙(d_k − x_k)·(−dt/τ²); ∂W_in = Σ I_kᵀδd_k; ∂W_rec = Σ a_kᵀδd_k; ∂b = Σ δd_k.
/// <see cref="Model"/> builds the trained reservoir (its dict with the new weights).
/// </summary>
public sealed class RateReservoirAdam
{
    private readonly RecRateEulerJax _layer;
    private readonly Func<double, double> _h, _dh;
    private readonly int _m, _n, _o;
    private readonly Adam _adam;

    public RateReservoirAdam(RecRateEulerJax layer, double learningRate = 1e-4)
    {
        if (layer.IsForce) throw new ArgumentException("train_adam trains a RecRateEulerJax, not a ForceRateEulerJax");
        _layer = layer;
        (_h, _dh) = Activations.ByName(layer.ActivationName);
        var d = layer.ToDict();
        WIn = new Parameter("w_in", Flat(d["w_in"]!, out _m, out _n));
        WRec = new Parameter("w_recurrent", Flat(d["w_recurrent"]!, out _, out _));
        WOut = new Parameter("w_out", Flat(d["w_out"]!, out _, out _o));
        Tau = new Parameter("tau", (double[])layer.Tau.Clone());
        Bias = new Parameter("bias", (double[])layer.Bias.Clone());
        _adam = new Adam(learningRate);
    }

    public Parameter WIn { get; }
    public Parameter WRec { get; }
    public Parameter WOut { get; }
    public Parameter Tau { get; }
    public Parameter Bias { get; }
    public IReadOnlyList<Parameter> Parameters => [WIn, WRec, WOut, Tau, Bias];

    /// <summary>One Adam step on input rows (T×M) and target rows (T×O); returns the loss before the step.</summary>
    public double TrainAdam(double[][] input, double[][] target, double? minTau = null)
    {
        var loss = Gradients(input, target, minTau ?? 10 * _layer.Dt);
        _adam.Step(Parameters);
        return loss;
    }

    /// <summary>The loss and, in the parameters' gradients, its derivatives.</summary>
    public double Gradients(double[][] input, double[][] target, double minTau)
    {
        foreach (var p in Parameters) p.ZeroGrad();
        var steps = input.Length;
        var x = new double[steps + 1][];
        var drive = new double[steps][];
        x[0] = _layer.GetState("x");
        var loss = 0.0;
        var gOut = new double[steps][];
        for (var k = 0; k < steps; k++)
        {
            drive[k] = Drive(input[k], x[k]);
            x[k + 1] = x[k].Select((v, j) => v + _layer.Dt / Tau.Value[j] * (-v + drive[k][j])).ToArray();
            gOut[k] = new double[_o];
            for (var c = 0; c < _o; c++)
            {
                var o = 0.0;
                for (var j = 0; j < _n; j++) o += _h(x[k + 1][j]) * WOut.Value[j * _o + c];
                loss += (o - target[k][c]) * (o - target[k][c]) / (steps * _o);
                gOut[k][c] = 2 * (o - target[k][c]) / (steps * _o);
            }
        }
        loss += Penalties(minTau);
        Backward(input, x, drive, gOut);
        return loss;
    }

    private double[] Drive(double[] input, double[] x)
    {
        var d = (double[])Bias.Value.Clone();
        for (var i = 0; i < _m; i++)
            for (var j = 0; j < _n; j++) d[j] += input[i] * WIn.Value[i * _n + j];
        for (var p = 0; p < _n; p++)
        {
            var a = _h(x[p]);
            for (var j = 0; j < _n; j++) d[j] += a * WRec.Value[p * _n + j];
        }
        return d;
    }

    private double Penalties(double minTau)
    {
        var loss = 0.0;
        for (var j = 0; j < _n; j++)
            if (Tau.Value[j] < minTau)
            {
                var e = Math.Exp(-(Tau.Value[j] - minTau));
                loss += 1e4 * e / _n;
                Tau.Grad[j] -= 1e4 * e / _n;
            }
        for (var i = 0; i < WRec.Value.Length; i++)
        {
            loss += WRec.Value[i] * WRec.Value[i] / WRec.Value.Length;
            WRec.Grad[i] += 2 * WRec.Value[i] / WRec.Value.Length;
        }
        return loss;
    }

    private void Backward(double[][] input, double[][] x, double[][] drive, double[][] gOut)
    {
        var dx = new double[_n];   // ∂L/∂x_{k+1}
        for (var k = input.Length - 1; k >= 0; k--)
        {
            for (var j = 0; j < _n; j++)
            {
                var back = 0.0;
                for (var c = 0; c < _o; c++)
                {
                    WOut.Grad[j * _o + c] += _h(x[k + 1][j]) * gOut[k][c];
                    back += WOut.Value[j * _o + c] * gOut[k][c];
                }
                dx[j] += _dh(x[k + 1][j]) * back;
            }
            var dd = new double[_n];
            var next = new double[_n];
            for (var j = 0; j < _n; j++)
            {
                var alpha = _layer.Dt / Tau.Value[j];
                dd[j] = alpha * dx[j];
                next[j] = (1 - alpha) * dx[j];
                Tau.Grad[j] += dx[j] * (drive[k][j] - x[k][j]) * (-_layer.Dt / (Tau.Value[j] * Tau.Value[j]));
                Bias.Grad[j] += dd[j];
            }
            for (var i = 0; i < _m; i++)
                for (var j = 0; j < _n; j++) WIn.Grad[i * _n + j] += input[k][i] * dd[j];
            for (var p = 0; p < _n; p++)
            {
                var a = _h(x[k][p]);
                var sum = 0.0;
                for (var j = 0; j < _n; j++)
                {
                    WRec.Grad[p * _n + j] += a * dd[j];
                    sum += WRec.Value[p * _n + j] * dd[j];
                }
                next[p] += _dh(x[k][p]) * sum;
            }
            dx = next;
        }
    }

    /// <summary>The trained reservoir: the layer's dict with the current weights, τ and bias, in the layer's state.</summary>
    public ILayerModel Model(Func<int, Xoshiro256StarStar> streams)
    {
        var d = _layer.ToDict();
        d["w_in"] = Matrix(WIn.Value, _m, _n);
        d["w_recurrent"] = Matrix(WRec.Value, _n, _n);
        d["w_out"] = Matrix(WOut.Value, _n, _o);
        d["tau"] = ModelDict.List(Tau.Value);
        d["bias"] = ModelDict.List(Bias.Value);
        var model = ModelCatalog.FromDict(d, streams);
        model.SetState("x", _layer.GetState("x"));
        return model;
    }

    private static double[] Flat(JsonNode node, out int rows, out int cols)
    {
        var m = node.AsArray();
        rows = m.Count;
        cols = m[0]!.AsArray().Count;
        return m.SelectMany(r => r!.AsArray().Select(v => v!.GetValue<double>())).ToArray();
    }

    private static JsonArray Matrix(double[] values, int rows, int cols)
    {
        var m = new JsonArray();
        for (var i = 0; i < rows; i++) m.Add((JsonNode)ModelDict.List(values.Skip(i * cols).Take(cols)));
        return m;
    }
}
