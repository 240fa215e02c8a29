using EventSpike.Neurons.Models;
using EventSpike.Neurons.Series;

namespace EventSpike.Neurons.Training;

/// <summary>
/// <c>train_rr</c> for FFRateEuler and PassThrough: the regressors are the raw continuous inputs sampled on
/// the batch's time base (not the evolved state), as Rockpool's.
/// </summary>
public sealed class ContinuousReadout(ILayerModel layer, RidgeOptions? options = null) : ReadoutTrainer(layer, options)
{
    protected override double[,] Regressors(TimeSeries input, double tStart, int rows, bool isFirst)
    {
        if (input is not TSContinuous c) throw new ArgumentException($"{Layer.ClassName} is trained on a continuous input (TSContinuous), got {input.TypeName}");
        var m = Layer.Ports[0].Width;
        if (c.NumChannels != m) throw new ArgumentException($"the input has {c.NumChannels} channels, {Layer.ClassName} takes {m}");
        return c.Interpolate(Enumerable.Range(0, rows).Select(k => tStart + k * Layer.Dt).ToArray());
    }
}
