using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Models.Docs;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// The registry of layer model classes by the class name network files give. Each entry pairs a
/// <see cref="ModelInfo"/> (ports, output kind, backends: known without building anything) and a
/// <see cref="ModelDoc"/> (family, equations, parameters, state: what a person reads) with the
/// factory that builds the model from the layer's size, the step, its parameters and a factory
/// of seeded random streams for the layer (argument: block or shard index).
/// </summary>
public static class ModelCatalog
{
    public delegate ILayerModel Factory(int size, double dt, LayerParameters parameters, Func<int, Xoshiro256StarStar> streams);

    private static readonly Dictionary<string, (ModelInfo Info, ModelDoc Doc, Factory Factory)> Entries = new(StringComparer.Ordinal);

    static ModelCatalog()
    {
        RegisterCore();
        Zoo.ZooCatalog.RegisterAll();
    }

    /// <summary>Every known class name, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Entries) return Entries.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The info of every known class, sorted by class name.</summary>
    public static IReadOnlyList<ModelInfo> Infos
    {
        get
        {
            lock (Entries) return Entries.Values.Select(e => e.Info).OrderBy(i => i.ClassName, StringComparer.Ordinal).ToList();
        }
    }

    public static bool IsKnown(string type)
    {
        lock (Entries) return Entries.ContainsKey(type);
    }

    /// <summary>What class <paramref name="type"/> is (ports, output kind, backends), without building one; unknown names throw <see cref="KeyNotFoundException"/>.</summary>
    public static ModelInfo Describe(string type) =>
        TryDescribe(type, out var info) ? info : throw Unknown(type);

    /// <summary>What class <paramref name="type"/> is, or false when no class has that name.</summary>
    public static bool TryDescribe(string type, [NotNullWhen(true)] out ModelInfo? info)
    {
        lock (Entries)
        {
            var found = Entries.TryGetValue(type, out var entry);
            info = found ? entry.Info : null;
            return found;
        }
    }

    /// <summary>How class <paramref name="type"/> is documented (family, equations, parameters, ports, state); unknown names throw <see cref="KeyNotFoundException"/>.</summary>
    public static ModelDoc Document(string type)
    {
        lock (Entries)
            if (Entries.TryGetValue(type, out var entry)) return entry.Doc;
        throw Unknown(type);
    }

    /// <summary>Builds a model; unknown parameters and bad values throw <see cref="ModelParameterException"/>.</summary>
    public static ILayerModel Create(string type, int size, double dt, LayerParameters parameters, Func<int, Xoshiro256StarStar> streams)
    {
        Factory? factory = null;
        lock (Entries)
            if (Entries.TryGetValue(type, out var entry)) factory = entry.Factory;
        if (factory is null) throw Unknown(type);
        var model = factory(size, dt, parameters, streams);
        parameters.ThrowIfUnknown(type);
        return model;
    }

    /// <summary>
    /// Registers a model class under <see cref="ModelInfo.ClassName"/> with what it is, how it is
    /// documented and how to build it (an alias is a registration of its own); a later registration
    /// of a name replaces the earlier one. The documentation's ports must be the info's.
    /// </summary>
    public static void Register(ModelInfo info, Factory factory, ModelDoc doc)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(doc);
        if (!doc.Ports.Select(p => p.Name).SequenceEqual(info.Ports.Select(p => p.Name)))
            throw new ArgumentException($"{info.ClassName}: the documented ports ({string.Join(", ", doc.Ports.Select(p => p.Name))}) are not the declared ones ({string.Join(", ", info.Ports.Select(p => p.Name))})", nameof(doc));
        lock (Entries) Entries[info.ClassName] = (info, doc, factory);
    }

    /// <summary>The six core models; port order as each model's <see cref="ILayerModel.Ports"/>.</summary>
    private static void RegisterCore()
    {
        PortInfo syn = new("syn", PortKind.Spikes), exc = new("exc", PortKind.Spikes), inh = new("inh", PortKind.Spikes);
        PortInfo current = new("current", PortKind.Current);
        Register(new ModelInfo(LifExpSyn.TypeName, SignalKind.Spikes, syn, current),
            (size, dt, p, streams) => new LifExpSyn(size, dt, p, streams), CoreModelDocs.Lif);
        Register(new ModelInfo(PoissonSource.TypeName, SignalKind.Spikes),
            (size, dt, p, streams) => new PoissonSource(size, dt, p, streams), CoreModelDocs.Poisson);
        Register(new ModelInfo(IafPscExp.TypeName, SignalKind.Spikes, [exc, inh, current], ModelInfo.CpuAndGpu), // AcceleratedIafPscExp
            (size, dt, p, streams) => new IafPscExp(size, dt, p, streams), NestModelDocs.IafPscExp);
        Register(new ModelInfo(IafPscDelta.TypeName, SignalKind.Spikes, syn, current),
            (size, dt, p, streams) => new IafPscDelta(size, dt, p, streams), NestModelDocs.IafPscDelta);
        Register(new ModelInfo(IafCondExp.TypeName, SignalKind.Spikes, exc, inh, current),
            (size, dt, p, streams) => new IafCondExp(size, dt, p, streams), NestModelDocs.IafCondExp);
        Register(new ModelInfo(IafPscAlpha.TypeName, SignalKind.Spikes, exc, inh, current),
            (size, dt, p, streams) => new IafPscAlpha(size, dt, p, streams), NestModelDocs.IafPscAlpha);
    }

    private static KeyNotFoundException Unknown(string type) =>
        new($"unknown layer type '{type}'; known: {string.Join(", ", Names)}");

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
                parameters[key] = JsonElements.Of(value); // null: Rockpool's None
        // A Rockpool dict has no size: 0 lets a model that carries its weights take it from them
        // (models without weights refuse size 0).
        var n = size ?? dict["size"]?.GetValue<int>() ?? 0;
        var step = dt ?? dict["dt"]?.GetValue<double>() ?? throw new ModelParameterException("dt", "the dict has no dt");
        return Create(type, n, step, new LayerParameters(parameters), streams);
    }
}
