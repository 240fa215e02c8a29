using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Series;

namespace EventSpike.Neurons.Training;

/// <summary>
/// Rockpool's <c>RRTrainedLayer.train_rr</c> for a readout layer, batch by batch. A batch's time base is
/// n = round(target.duration/dt) steps from target.t_start (sample k at t_start + k·dt), with the end
/// point t_start + n·dt only on the last batch so batch boundaries are not counted twice. The target is
/// sampled there (no NaN, one column per output); the layer gives the regressors (<see cref="Regressors"/>).
/// The weights are solved on the last batch; <see cref="Apply"/> puts them into a copy of the layer.
/// </summary>
public abstract class ReadoutTrainer(ILayerModel layer, RidgeOptions? options = null)
{
    private RidgeRegression? _trainer;

    public ILayerModel Layer { get; } = layer;
    public RidgeOptions Options { get; } = options ?? new RidgeOptions();

    /// <summary>One batch of <c>train_rr</c>.</summary>
    public ReadoutResult TrainRR(TSContinuous target, TimeSeries input, bool isFirst, bool isLast)
    {
        var (times, y) = Targets(target, isLast);
        var x = Regressors(input, target.TStart, times.Length, isFirst);
        if (isFirst || _trainer is null)
            _trainer = new RidgeRegression(x.GetLength(1), Layer.Size, Options.Regularize, Options.TrainBiases, Options.FisherRelabelling);
        _trainer.Accumulate(x, y);
        if (!isLast) return new ReadoutResult(_trainer);
        var (w, b) = _trainer.Solve();
        return new ReadoutResult(_trainer, w, b, Options.ReturnTrainedOutput ? RidgeRegression.Predict(x, w, b) : null);
    }

    /// <summary>The batch's sample times and the target sampled there (rows × outputs).</summary>
    protected (double[] Times, double[,] Y) Targets(TSContinuous target, bool isLast)
    {
        var n = (int)Math.Round(target.Duration / Layer.Dt);
        if (n < 1) throw new ArgumentException($"the target covers {target.Duration} s, less than one step of {Layer.Dt} s");
        if (target.NumChannels != Layer.Size) throw new ArgumentException($"the target has {target.NumChannels} channels, the layer {Layer.Size} outputs");
        var times = Enumerable.Range(0, isLast ? n + 1 : n).Select(k => target.TStart + k * Layer.Dt).ToArray();
        return (times, target.Interpolate(times));
    }

    /// <summary>The regressors of the batch's <paramref name="rows"/> samples from <paramref name="tStart"/> (rows × regressors).</summary>
    protected abstract double[,] Regressors(TimeSeries input, double tStart, int rows, bool isFirst);

    /// <summary>A copy of <paramref name="layer"/> with trained weights (M×O) and biases, rebuilt from its dict.</summary>
    public static ILayerModel Apply(ILayerModel layer, double[,] weights, double[] bias, Func<int, Xoshiro256StarStar> streams)
    {
        var d = layer.ToDict();
        d["weights"] = Matrix(weights);
        d["bias"] = ModelDict.List(bias);
        return ModelCatalog.FromDict(d, streams);
    }

    /// <summary>A weight matrix as Rockpool's nested lists.</summary>
    public static JsonArray Matrix(double[,] w) => ModelDict.Matrix(w);
}
