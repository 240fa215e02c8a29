using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Series;

namespace EventSpike.Actors.Api;

/// <summary>
/// One layer evolved on its own, as Rockpool's <c>layer.evolve(ts_input, duration)</c>: the input feeds its
/// first port, state and time carry over from one evolve to the next, <see cref="Reset"/> starts again. It
/// runs on the same runtime as a <see cref="Network"/> (a network of this one layer and its external input).
/// </summary>
public sealed class Layer
{
    private readonly Network _network;

    /// <summary>A layer of <paramref name="model"/> (its own dt and size).</summary>
    public Layer(string name, ILayerModel model, ulong seed = 0)
    {
        Name = name;
        _network = new Network(seed: seed);
        _network.AddLayer(name, model, externalInput: true);
    }

    /// <summary>A layer from its Rockpool dict (<c>class_name</c>, <c>dt</c> and constructor parameters, as <c>to_dict</c> writes them).</summary>
    public Layer(string name, JsonObject dict, ulong seed = 0)
    {
        Name = name;
        _network = new Network(seed: seed);
        _network.AddLayer(name, dict, externalInput: true);
    }

    public string Name { get; }

    /// <summary>The model, its state included (<see cref="ILayerModel.GetState"/>).</summary>
    public ILayerModel Model => _network[Name];

    public double Dt => _network.Dt;

    public double T => _network.T;

    /// <summary>Evolves for <paramref name="duration"/> from <see cref="T"/> on <paramref name="input"/> (absolute times); the output is typed by <see cref="EvolveResult.Events"/> or <see cref="EvolveResult.Continuous"/>.</summary>
    public EvolveResult Evolve(TimeSeries? input, double duration) => _network.Evolve(input, duration);

    /// <summary>The layer's spikes over the next <paramref name="duration"/> (a layer with a continuous output is refused).</summary>
    public TSEvent EvolveEvents(TimeSeries? input, double duration) => Evolve(input, duration).Events(Name);

    /// <summary>The layer's samples over the next <paramref name="duration"/> (a spiking layer is refused).</summary>
    public TSContinuous EvolveContinuous(TimeSeries? input, double duration) => Evolve(input, duration).Continuous(Name);

    /// <summary>Changes a parameter between evolves; the state is kept.</summary>
    public void UpdateParameter(string parameter, JsonNode? value) => _network.UpdateParameter(Name, parameter, value);

    /// <summary>Time back to 0 and the state to its initial values.</summary>
    public void Reset() => _network.ResetAll();

    public JsonObject ToDict() => Model.ToDict();
}
