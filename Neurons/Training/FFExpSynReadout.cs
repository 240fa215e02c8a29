using System.Text.Json.Nodes;
using EventSpike.Neurons.Models.Zoo;
using EventSpike.Neurons.Series;

namespace EventSpike.Neurons.Training;

/// <summary>
/// <c>train_rr</c> and <c>train_logreg</c> for FFExpSyn. The regressors are the input spikes filtered by
/// the layer's synapse, f_k = e^(−dt/τ_syn)·f_{k−1} + S_k (S_k the spike counts of step k, every event
/// counted when add_events, else at most one per channel and step); sample k of a batch (time
/// t_start + k·dt) regresses on the filter after step k − 1, which is the layer's output there without
/// weights and bias (a spike of step j shows from sample j + 1). With <c>store_states</c> the filter
/// carries from one batch to the next, else it starts at zero each batch.
/// train_logreg: logistic regression by gradient descent on minibatches of the batch's rows, for
/// <c>epochs</c> passes: p = σ(X·W + b); W −= η·(Xᵀ(p − y)/N + λ·W); b −= η·Σ(p − y)/N. The layer's
/// evolve applies no sigmoid, as Rockpool's.
/// </summary>
public sealed class FFExpSynReadout : ReadoutTrainer
{
    private readonly double _decay;
    private readonly int _inputs;
    private double[] _filter;
    private double[,]? _w;
    private double[]? _b;

    public FFExpSynReadout(FFExpSyn layer, RidgeOptions? options = null) : base(layer, options)
    {
        if (layer.TauSyn.Any(t => t != layer.TauSyn[0])) throw new ArgumentException("training needs one tau_syn for the whole FFExpSyn layer");
        _decay = Math.Exp(-layer.Dt / layer.TauSyn[0]);
        _inputs = layer.Ports[0].Width;
        _filter = new double[_inputs];
    }

    /// <summary>The input filter carried between batches.</summary>
    public double[] FilterState => (double[])_filter.Clone();

    protected override double[,] Regressors(TimeSeries input, double tStart, int rows, bool isFirst)
    {
        if (input is not TSEvent events) throw new ArgumentException($"FFExpSyn is trained on input spikes (TSEvent), got {input.TypeName}");
        if (isFirst || !Options.StoreStates) _filter = new double[_inputs];
        var steps = rows; // the last batch's extra row is the state after its last step
        var raster = events.Raster(Layer.Dt, tStart, numTimesteps: steps, addEvents: true);
        var channels = Math.Min(_inputs, raster.GetLength(1));
        var addEvents = ((FFExpSyn)Layer).AddEvents;
        var x = new double[rows, _inputs];
        var f = _filter;
        for (var k = 0; k < rows; k++)
        {
            for (var i = 0; i < _inputs; i++) x[k, i] = f[i];
            for (var i = 0; i < _inputs; i++)
            {
                var s = i < channels ? raster[k, i] : 0;
                f[i] = _decay * f[i] + (addEvents ? s : Math.Min(s, 1));
            }
        }
        // The next batch starts where this one's time base ends: rows n of a non-last batch (the state after n steps).
        return x;
    }

    /// <summary>
    /// Rockpool's <c>FFExpSyn.train(method=…)</c>: "rr" runs one <see cref="ReadoutTrainer.TrainRR"/> batch (its
    /// options are the trainer's <see cref="RidgeOptions"/>; weights and bias come back on the last batch, null
    /// before), "logreg" one <see cref="TrainLogReg"/> call with the given learning rate, λ, batch size and
    /// epochs (weights and bias after it); any other method is refused with an error that names it.
    /// </summary>
    public (double[,]? Weights, double[]? Bias) Train(TSContinuous target, TSEvent input, bool isFirst = true, bool isLast = true,
        string method = "rr", double learningRate = 0, double regularize = 0, int? batchSize = null, int epochs = 1)
    {
        switch (method)
        {
            case "rr":
                var result = TrainRR(target, input, isFirst, isLast);
                return (result.Weights, result.Bias);
            case "logreg":
                return TrainLogReg(target, input, learningRate, regularize, batchSize, epochs, isFirst);
            default:
                throw new ArgumentException(
                    $"FFExpSyn: training method '{method}' is not supported; use 'rr' (ridge regression) or 'logreg' (logistic regression)",
                    nameof(method));
        }
    }

    /// <summary>One call of <c>train_logreg</c>: returns the weights and biases after it (kept for the next call).</summary>
    public (double[,] Weights, double[] Bias) TrainLogReg(TSContinuous target, TSEvent input, double learningRate, double regularize = 0,
        int? batchSize = null, int epochs = 1, bool isFirst = true)
    {
        var (times, y) = Targets(target, isLast: false);
        var x = Regressors(input, target.TStart, times.Length, isFirst);
        var (rows, m, o) = (x.GetLength(0), _inputs, Layer.Size);
        if (_w is null || isFirst) (_w, _b) = CurrentWeights();
        var size = Math.Max(1, batchSize ?? rows);
        for (var epoch = 0; epoch < epochs; epoch++)
            for (var start = 0; start < rows; start += size)
            {
                var end = Math.Min(rows, start + size);
                var gw = new double[m, o];
                var gb = new double[o];
                for (var t = start; t < end; t++)
                    for (var j = 0; j < o; j++)
                    {
                        var z = _b![j];
                        for (var i = 0; i < m; i++) z += x[t, i] * _w[i, j];
                        var e = 1.0 / (1.0 + Math.Exp(-z)) - y[t, j];
                        gb[j] += e;
                        for (var i = 0; i < m; i++) gw[i, j] += x[t, i] * e;
                    }
                var n = end - start;
                for (var j = 0; j < o; j++)
                {
                    _b![j] -= learningRate * gb[j] / n;
                    for (var i = 0; i < m; i++) _w[i, j] -= learningRate * (gw[i, j] / n + regularize * _w[i, j]);
                }
            }
        return ((double[,])_w.Clone(), (double[])_b!.Clone());
    }

    private (double[,], double[]) CurrentWeights()
    {
        var d = Layer.ToDict();
        var w = new double[_inputs, Layer.Size];
        if (d["weights"] is JsonArray rows)
            for (var i = 0; i < _inputs; i++)
                for (var j = 0; j < Layer.Size; j++) w[i, j] = rows[i]![j]!.GetValue<double>();
        else
            for (var i = 0; i < Math.Min(_inputs, Layer.Size); i++) w[i, i] = 1;
        return (w, (double[])((FFExpSyn)Layer).Bias.Clone());
    }
}
