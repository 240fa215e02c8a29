using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// Builds layer models from their class name as network files give it. Each entry gets the
/// layer's size, the step, its parameters and a factory of seeded random streams for the layer
/// (argument: block or shard index).
/// </summary>
public static class ModelCatalog
{
    public delegate ILayerModel Factory(int size, double dt, LayerParameters parameters, Func<int, Xoshiro256StarStar> streams);

    private static readonly Dictionary<string, Factory> Factories = new(StringComparer.Ordinal)
    {
        [LifExpSyn.TypeName] = (size, dt, p, streams) => new LifExpSyn(size, dt, p, streams),
        [PoissonSource.TypeName] = (size, dt, p, streams) => new PoissonSource(size, dt, p, streams),
        [IafPscExp.TypeName] = (size, dt, p, streams) => new IafPscExp(size, dt, p, streams),
        [IafPscDelta.TypeName] = (size, dt, p, streams) => new IafPscDelta(size, dt, p, streams),
        [IafCondExp.TypeName] = (size, dt, p, streams) => new IafCondExp(size, dt, p, streams),
    };

    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement;

    static ModelCatalog() => Zoo.ZooCatalog.RegisterAll();

    /// <summary>Every known class name, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Factories) return Factories.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        }
    }

    public static bool IsKnown(string type)
    {
        lock (Factories) return Factories.ContainsKey(type);
    }

    /// <summary>Builds a model; unknown parameters and bad values throw <see cref="ModelParameterException"/>.</summary>
    public static ILayerModel Create(string type, int size, double dt, LayerParameters parameters, Func<int, Xoshiro256StarStar> streams)
    {
        Factory? factory;
        lock (Factories) Factories.TryGetValue(type, out factory);
        if (factory is null)
            throw new KeyNotFoundException($"unknown layer type '{type}'; known: {string.Join(", ", Names)}");
        var model = factory(size, dt, parameters, streams);
        parameters.ThrowIfUnknown(type);
        return model;
    }

    /// <summary>Registers a model class (and its aliases) under a name; later registrations replace earlier ones.</summary>
    public static void Register(Factory factory, params string[] names)
    {
        lock (Factories)
            foreach (var name in names) Factories[name] = factory;
    }

    /// <summary>
    /// Rebuilds a model from <see cref="ILayerModel.ToDict"/> output (Rockpool's <c>load_from_dict</c>):
    /// <c>class_name</c> picks the model, <c>size</c> and <c>dt</c> come from the dict when present,
    /// every other key is a parameter.
    /// </summary>
    public static ILayerModel FromDict(JsonObject dict, Func<int, Xoshiro256StarStar> streams, int? size = null, double? dt = null)
    {
        var type = dict["class_name"]?.GetValue<string>() ?? throw new ModelParameterException("class_name", "the dict has no class_name");
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in dict)
            if (key is not "class_name" and not "size" and not "dt")
                parameters[key] = value is null ? NullElement : JsonSerializer.SerializeToElement(value); // null: Rockpool's None
        // A Rockpool dict has no size: 0 lets a model that carries its weights take it from them
        // (models without weights refuse size 0).
        var n = size ?? dict["size"]?.GetValue<int>() ?? 0;
        var step = dt ?? dict["dt"]?.GetValue<double>() ?? throw new ModelParameterException("dt", "the dict has no dt");
        return Create(type, n, step, new LayerParameters(parameters), streams);
    }
}
