namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Registers the Rockpool, KerasSpiking and PyTorchSpiking layers in <see cref="ModelCatalog"/> by
/// their class names; backend variants (Torch, Jax, Brian) are aliases of one model with the same
/// dynamics, each keeping the name it was built under.
/// </summary>
public static class ZooCatalog
{
    public static void RegisterAll()
    {
        Add((name, size, dt, p, s) => new RecLifJax(name, spikeInput: true, io: false, size, dt, p, s), "RecLIFJax");
        Add((name, size, dt, p, s) => new RecLifJax(name, spikeInput: false, io: false, size, dt, p, s), "RecLIFCurrentInJax");
        Add((name, size, dt, p, s) => new RecLifJax(name, spikeInput: true, io: true, size, dt, p, s), "RecLIFJax_IO");
        Add((name, size, dt, p, s) => new RecLifJax(name, spikeInput: false, io: true, size, dt, p, s), "RecLIFCurrentInJax_IO");

        foreach (var (name, variant) in IafTorchVariant.ByName)
            Add((n, size, dt, p, s) => new IafTorch(n, variant, size, dt, p, s), name);

        Add((name, size, dt, p, s) => new FFExpSyn(name, size, dt, p, s), "FFExpSyn", "FFExpSynTorch", "FFExpSynBrian");
        Add((name, size, dt, p, s) => new PassThroughEvents(name, size, dt, p, s), "PassThroughEvents");
        Add((name, size, dt, p, s) => new PassThrough(name, size, dt, p, s), "PassThrough");
        Add((name, size, dt, p, s) => new FFRateEuler(name, size, dt, p, s), "FFRateEuler");
        Add((name, size, dt, p, s) => new RecRateEuler(name, size, dt, p, s), "RecRateEuler");
        Add((name, size, dt, p, s) => new RecRateEulerJax(name, force: false, size, dt, p, s), "RecRateEulerJax");
        Add((name, size, dt, p, s) => new RecRateEulerJax(name, force: true, size, dt, p, s), "ForceRateEulerJax");

        Add((name, size, dt, p, s) => new FFCLIAF(name, size, dt, p, s), "FFCLIAF");
        Add((name, size, dt, p, s) => new RecCLIAF(name, size, dt, p, s), "RecCLIAF");
        Add((name, size, dt, p, s) => new RecDIAF(name, size, dt, p, s), "RecDIAF");
        Add((name, size, dt, p, s) => new SoftMaxLayer(name, size, dt, p, s), "SoftMaxLayer");
        Add((name, size, dt, p, s) => new FFUpDown(name, size, dt, p, s), "FFUpDown");

        Add((name, size, dt, p, s) => new RecFSSpikeEulerBT(name, size, dt, p, s), "RecFSSpikeEulerBT");
        Add((name, size, dt, p, s) => new NestIaf(name, currentInput: true, adaptive: false, size, dt, p, s), "FFIAFNest");
        Add((name, size, dt, p, s) => new NestIaf(name, currentInput: false, adaptive: false, size, dt, p, s), "RecIAFSpkInNest");
        Add((name, size, dt, p, s) => new NestIaf(name, currentInput: false, adaptive: true, size, dt, p, s), "RecAEIFSpkInNest");

        Add((name, size, dt, p, s) => new SpikingActivation(name, size, dt, p, s), "SpikingActivation");
        Add((name, size, dt, p, s) => new Lowpass(name, size, dt, p, s), "Lowpass");
        Add((name, size, dt, p, s) => new Alpha(name, size, dt, p, s), "Alpha");
        Add((name, size, dt, p, s) => new TemporalAvgPool(name, size, dt, p, s), "TemporalAvgPool");
    }

    private static IReadOnlyList<string> _names = [];

    /// <summary>Every class name this catalog registers.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            _ = ModelCatalog.IsKnown(""); // runs ModelCatalog's static constructor, which registers the zoo
            return _names;
        }
    }

    private delegate ILayerModel NamedFactory(string className, int size, double dt, LayerParameters p, Func<int, Random.Xoshiro256StarStar> streams);

    private static void Add(NamedFactory factory, params string[] names)
    {
        foreach (var name in names)
        {
            var n = name;
            ModelCatalog.Register((size, dt, p, streams) => factory(n, size, dt, p, streams), n);
            _names = [.. _names, n];
        }
    }
}
