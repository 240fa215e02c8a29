namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Registers the Rockpool, KerasSpiking and PyTorchSpiking layers in <see cref="ModelCatalog"/> by
/// their class names; backend variants (Torch, Jax, Brian) are aliases of one model with the same
/// dynamics, each keeping the name it was built under. Each registration declares the output kind
/// and the input ports of its names (every zoo layer takes input: none is a source; all run on the
/// CPU only). Port widths come from the weights or the size, so only a built layer knows them.
/// </summary>
public static class ZooCatalog
{
    /// <summary>One port "input" of weighted spikes.</summary>
    private static readonly PortInfo SpikesIn = new("input", PortKind.Spikes);

    /// <summary>One port "input" of a continuous signal.</summary>
    private static readonly PortInfo CurrentIn = new("input", PortKind.Current);

    /// <summary>ForceRateEulerJax's forcing signal, one channel per neuron, after "input".</summary>
    private static readonly PortInfo ForceIn = new("force", PortKind.Current);

    private const SignalKind Spikes = SignalKind.Spikes;
    private const SignalKind Continuous = SignalKind.Continuous;

    public static void RegisterAll()
    {
        Add((name, size, dt, p, s) => new RecLifJax(name, spikeInput: true, io: false, size, dt, p, s), Spikes, [SpikesIn], "RecLIFJax");
        Add((name, size, dt, p, s) => new RecLifJax(name, spikeInput: false, io: false, size, dt, p, s), Spikes, [CurrentIn], "RecLIFCurrentInJax");
        Add((name, size, dt, p, s) => new RecLifJax(name, spikeInput: true, io: true, size, dt, p, s), Continuous, [SpikesIn], "RecLIFJax_IO");
        Add((name, size, dt, p, s) => new RecLifJax(name, spikeInput: false, io: true, size, dt, p, s), Continuous, [CurrentIn], "RecLIFCurrentInJax_IO");

        foreach (var (name, variant) in IafTorchVariant.ByName)
            Add((n, size, dt, p, s) => new IafTorch(n, variant, size, dt, p, s), Spikes, [variant.SpikeInput ? SpikesIn : CurrentIn], name);

        Add((name, size, dt, p, s) => new FFExpSyn(name, size, dt, p, s), Continuous, [SpikesIn], "FFExpSyn", "FFExpSynTorch", "FFExpSynBrian");
        Add((name, size, dt, p, s) => new PassThroughEvents(name, size, dt, p, s), Spikes, [SpikesIn], "PassThroughEvents");
        Add((name, size, dt, p, s) => new PassThrough(name, size, dt, p, s), Continuous, [CurrentIn], "PassThrough");
        Add((name, size, dt, p, s) => new FFRateEuler(name, size, dt, p, s), Continuous, [CurrentIn], "FFRateEuler");
        Add((name, size, dt, p, s) => new RecRateEuler(name, size, dt, p, s), Continuous, [CurrentIn], "RecRateEuler");
        Add((name, size, dt, p, s) => new RecRateEulerJax(name, force: false, size, dt, p, s), Continuous, [CurrentIn], "RecRateEulerJax");
        Add((name, size, dt, p, s) => new RecRateEulerJax(name, force: true, size, dt, p, s), Continuous, [CurrentIn, ForceIn], "ForceRateEulerJax");

        Add((name, size, dt, p, s) => new FFCLIAF(name, size, dt, p, s), Spikes, [SpikesIn], "FFCLIAF");
        Add((name, size, dt, p, s) => new RecCLIAF(name, size, dt, p, s), Spikes, [SpikesIn], "RecCLIAF");
        Add((name, size, dt, p, s) => new RecDIAF(name, size, dt, p, s), Spikes, [SpikesIn], "RecDIAF");
        Add((name, size, dt, p, s) => new SoftMaxLayer(name, size, dt, p, s), Continuous, [SpikesIn], "SoftMaxLayer");
        Add((name, size, dt, p, s) => new FFUpDown(name, size, dt, p, s), Spikes, [CurrentIn], "FFUpDown");

        Add((name, size, dt, p, s) => new RecFSSpikeEulerBT(name, size, dt, p, s), Spikes, [CurrentIn], "RecFSSpikeEulerBT");
        Add((name, size, dt, p, s) => new NestIaf(name, currentInput: true, adaptive: false, size, dt, p, s), Spikes, [CurrentIn], "FFIAFNest");
        Add((name, size, dt, p, s) => new NestIaf(name, currentInput: false, adaptive: false, size, dt, p, s), Spikes, [SpikesIn], "RecIAFSpkInNest");
        Add((name, size, dt, p, s) => new NestIaf(name, currentInput: false, adaptive: true, size, dt, p, s), Spikes, [SpikesIn], "RecAEIFSpkInNest");

        Add((name, size, dt, p, s) => new SpikingActivation(name, size, dt, p, s), Spikes, [CurrentIn], "SpikingActivation");
        Add((name, size, dt, p, s) => new Lowpass(name, size, dt, p, s), Continuous, [CurrentIn], "Lowpass");
        Add((name, size, dt, p, s) => new Alpha(name, size, dt, p, s), Continuous, [CurrentIn], "Alpha");
        Add((name, size, dt, p, s) => new TemporalAvgPool(name, size, dt, p, s), Continuous, [CurrentIn], "TemporalAvgPool");
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

    /// <summary>Registers <paramref name="names"/> (aliases of one model) with the same output kind and ports.</summary>
    private static void Add(NamedFactory factory, SignalKind output, PortInfo[] ports, params string[] names)
    {
        foreach (var name in names)
        {
            var n = name;
            ModelCatalog.Register(new ModelInfo(n, output, ports), (size, dt, p, streams) => factory(n, size, dt, p, streams));
            _names = [.. _names, n];
        }
    }
}
