using System.Text.Json;
using EventSpike.Neurons.Models;

namespace EventSpike.Routing.Network;

/// <summary>A layer as the network file declares it: a model class name, a size and its parameters (Rockpool names, SI units).</summary>
public sealed record LayerSpec(string Name, string Type, int Size, IReadOnlyDictionary<string, JsonElement> Parameters)
{
    /// <summary>Where the layer stands in the file, for messages (e.g. <c>layers[2]</c>).</summary>
    public string Where { get; init; } = "";

    /// <summary>The layer's own step (seconds), a whole multiple of the network's dt; null: the network's.</summary>
    public double? Dt { get; init; }

    /// <summary>A model built by the caller (e.g. the replay of an input file) used instead of <see cref="Type"/>'s catalog entry.</summary>
    public ILayerModel? Prebuilt { get; init; }

    /// <summary>Cluster runs: the worker node to host this layer (an index among the workers in address order, or HOST:PORT); null: placed by cost.</summary>
    public string? Node { get; init; }

    /// <summary>The backend this layer must run on ("cpu", "cuda", …); null: the run's default.</summary>
    public string? Backend { get; init; }

    /// <summary>How an event sensor's pixels map to this (input) layer's channels when it is streamed into; null: not said.</summary>
    public SensorSpec? Sensor { get; init; }
}
