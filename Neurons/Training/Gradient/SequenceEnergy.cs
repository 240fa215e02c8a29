using EventSpike.Neurons.Energy;

namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// ModelEnergy for a trainable sequence model, as KerasSpiking builds it from a Keras model: per layer
/// the KerasSpiking stats (Dense: in·units connections, act(activation, units) neurons; SpikingActivation:
/// its units, spiking; filters, averages and LIF layers' own rules below) and, with example data, the
/// layer's input rate: mean |input| over batch, time and units (inference pass), the input layer listed first.
///   LIF: units spiking neurons, no connections (the Dense before it holds them); Lowpass, Alpha, average: nothing.
/// </summary>
public static class SequenceEnergy
{
    public static ModelEnergy For(SequenceModel model, Sequence? exampleData = null, double dt = 0.001)
    {
        IReadOnlyList<Sequence>? outputs = exampleData is null ? null : model.Forward(exampleData);
        var layers = new List<EnergyLayer>
        {
            new("input", "InputLayer", $"(None, None, {model.Layers[0].InputSize})", 0, LayerStats.Zero, exampleData is null ? null : MeanAbs(exampleData)),
        };
        for (var i = 0; i < model.Layers.Count; i++)
        {
            var layer = model.Layers[i];
            double? rate = outputs is null ? null : MeanAbs(i == 0 ? exampleData! : outputs[i - 1]);
            var (type, stats, parameters) = layer switch
            {
                DenseLayer d => ("Dense", KerasLayerStats.Dense(d.InputSize, d.OutputSize, d.ActivationName), (long)d.Parameters.Sum(p => p.Value.Length)),
                SpikingActivationLayer s => ("SpikingActivation", KerasLayerStats.SpikingActivation(s.OutputSize), 0L),
                LifLayer l => ("LIF", new LayerStats(0, l.OutputSize, true), (long)l.OutputSize),
                LowpassLayer l => ("Lowpass", LayerStats.Zero, 2L * l.OutputSize),
                AlphaLayer a => ("Alpha", LayerStats.Zero, 2L * a.OutputSize),
                _ => (layer.GetType().Name, LayerStats.Zero, (long)layer.Parameters.Sum(p => p.Value.Length)),
            };
            var shape = layer is TemporalAverageLayer ? $"(None, {layer.OutputSize})" : $"(None, None, {layer.OutputSize})";
            layers.Add(new EnergyLayer(layer.Name, type, shape, parameters, stats, rate));
        }
        return new ModelEnergy(layers, dt);
    }

    private static double MeanAbs(Sequence s) => s.Data.Average(Math.Abs);
}
