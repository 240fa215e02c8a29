using System.Text.Json;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// KerasSpiking's SpikingActivation for training, wrapping the simulator's <see cref="SpikingActivation"/>
/// model so that the spiking forward pass is the one <c>eventspike run</c> computes:
///   forward (inference, or training with spiking-aware training): per sample a SpikingActivation at the
///   current dt steps through the sequence (v ← v + act(x)·dt; n = ⌊v⌋; v ← v − n); the output is n/dt
///   forward (training without spiking-aware training): act(x), the rate
///   backward (both): ∂L/∂x = act'(x)·∂L/∂out (the base activation's gradient; none into the voltage)
/// Initial voltages: <c>initialState</c> per unit, else U[0, 1) per unit from the layer's seed, the same
/// on every call (Keras with a fixed seed). dt is read from the <see cref="DtVariable"/> at each call.
/// </summary>
public sealed class SpikingActivationLayer : ISequenceLayer
{
    private readonly Func<double, double> _f, _df;
    private readonly double[] _v0;
    private readonly bool _split;
    private Sequence? _x;

    public SpikingActivationLayer(string name, int units, DtVariable dt, string activation = "relu", bool spikingAwareTraining = true,
        double[]? initialState = null, ulong seed = 0)
    {
        Name = name;
        InputSize = OutputSize = units;
        Dt = dt;
        ActivationName = activation;
        SpikingAwareTraining = spikingAwareTraining;
        (_f, _df) = Activations.ByName(activation);
        _split = Activation.CanBeNegative(activation);
        if (initialState is not null && initialState.Length != units) throw new ArgumentException($"{name}: initial state needs {units} values");
        var rng = StreamSeed.Generator(seed, "spiking-activation:" + name, 0);
        _v0 = initialState ?? Enumerable.Range(0, units).Select(_ => rng.NextDouble()).ToArray();
    }

    public string Name { get; }
    public int InputSize { get; }
    public int OutputSize { get; }
    public DtVariable Dt { get; }
    public string ActivationName { get; }
    public bool SpikingAwareTraining { get; }
    public IReadOnlyList<double> InitialState => _v0;
    public IReadOnlyList<Parameter> Parameters => [];

    public Sequence Forward(Sequence x, bool training)
    {
        _x = x;
        var y = x.Zeros();
        if (training && !SpikingAwareTraining)
        {
            for (var i = 0; i < x.Data.Length; i++) y.Data[i] = _f(x.Data[i]);
            return y;
        }
        var dt = Dt.Value;
        var model = Model(dt);
        var input = new double[OutputSize];
        var spikes = new List<int>();
        for (var b = 0; b < x.B; b++)
        {
            model.ResetState();
            for (var t = 0; t < x.T; t++)
            {
                for (var j = 0; j < OutputSize; j++) input[j] = x[b, t, j];
                spikes.Clear();
                model.Step(t, [input], spikes);
                foreach (var s in spikes)
                    if (s < OutputSize) y[b, t, s] += 1 / dt;
                    else y[b, t, s - OutputSize] -= 1 / dt;
            }
        }
        return y;
    }

    public Sequence Backward(Sequence gradOutput)
    {
        var x = _x ?? throw new InvalidOperationException("backward before forward");
        var g = x.Zeros();
        for (var i = 0; i < x.Data.Length; i++) g.Data[i] = _df(x.Data[i]) * gradOutput.Data[i];
        return g;
    }

    /// <summary>The simulator's model of this layer at <paramref name="dt"/>, with the layer's initial voltages.</summary>
    public ILayerModel Model(double dt)
    {
        var p = new Dictionary<string, JsonElement>
        {
            ["activation"] = JsonElements.Of(ActivationName),
            ["split_negative"] = JsonElements.Of(_split),
            ["initial_state"] = JsonElements.Of(_v0),
        };
        return ModelCatalog.Create("SpikingActivation", _split ? 2 * OutputSize : OutputSize, dt, new LayerParameters(p), _ => new Xoshiro256StarStar(1));
    }
}
