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
        [LifExpSyn.TypeName] = (size, dt, p, streams) => new LifExpSyn(size, dt, p, streams(0)),
        [PoissonSource.TypeName] = (size, dt, p, streams) => new PoissonSource(size, dt, p, streams),
    };

    /// <summary>Every known class name, sorted.</summary>
    public static IReadOnlyList<string> Names => Factories.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

    public static bool IsKnown(string type) => Factories.ContainsKey(type);

    /// <summary>Builds a model; unknown parameters and bad values throw <see cref="ModelParameterException"/>.</summary>
    public static ILayerModel Create(string type, int size, double dt, LayerParameters parameters, Func<int, Xoshiro256StarStar> streams)
    {
        if (!Factories.TryGetValue(type, out var factory))
            throw new KeyNotFoundException($"unknown layer type '{type}'; known: {string.Join(", ", Names)}");
        var model = factory(size, dt, parameters, streams);
        parameters.ThrowIfUnknown(type);
        return model;
    }
}
