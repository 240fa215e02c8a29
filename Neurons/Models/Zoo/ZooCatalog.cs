using EventSpike.Neurons.Models.Zoo.Docs;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Registers the Rockpool, KerasSpiking and PyTorchSpiking layers in <see cref="ModelCatalog"/> by
/// their class names; backend variants (Torch, Jax, Brian) are aliases of one model with the same
/// dynamics, each keeping the name it was built under. Each registration declares the output kind,
/// the input ports and the documentation (<see cref="ModelDoc"/>, in <c>Zoo/Docs</c>) of its names (every zoo layer takes input: none is a source; all run on the
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
        Add((name, size, dt, p, s) => new RecLifJax(name, spikeInput: true, io: false, size, dt, p, s), Spikes, [SpikesIn], JaxLifDocs.For(true, false), "RecLIFJax");
        Add((name, size, dt, p, s) => new RecLifJax(name, spikeInput: false, io: false, size, dt, p, s), Spikes, [CurrentIn], JaxLifDocs.For(false, false), "RecLIFCurrentInJax");
        Add((name, size, dt, p, s) => new RecLifJax(name, spikeInput: true, io: true, size, dt, p, s), Continuous, [SpikesIn], JaxLifDocs.For(true, true), "RecLIFJax_IO");
        Add((name, size, dt, p, s) => new RecLifJax(name, spikeInput: false, io: true, size, dt, p, s), Continuous, [CurrentIn], JaxLifDocs.For(false, true), "RecLIFCurrentInJax_IO");

        foreach (var (name, variant) in IafTorchVariant.ByName)
            Add((n, size, dt, p, s) => new IafTorch(n, variant, size, dt, p, s), Spikes, [variant.SpikeInput ? SpikesIn : CurrentIn], IafTorchDocs.For(variant), name);

        Add((name, size, dt, p, s) => new FFExpSyn(name, size, dt, p, s), Continuous, [SpikesIn], SynapseDocs.FFExpSyn, "FFExpSyn", "FFExpSynTorch", "FFExpSynBrian");
        Add((name, size, dt, p, s) => new PassThroughEvents(name, size, dt, p, s), Spikes, [SpikesIn], SynapseDocs.PassThroughEvents, "PassThroughEvents");
        Add((name, size, dt, p, s) => new PassThrough(name, size, dt, p, s), Continuous, [CurrentIn], SynapseDocs.PassThrough, "PassThrough");
        Add((name, size, dt, p, s) => new FFRateEuler(name, size, dt, p, s), Continuous, [CurrentIn], RateDocs.FFRateEuler, "FFRateEuler");
        Add((name, size, dt, p, s) => new RecRateEuler(name, size, dt, p, s), Continuous, [CurrentIn], RateDocs.RecRateEuler, "RecRateEuler");
        Add((name, size, dt, p, s) => new RecRateEulerJax(name, force: false, size, dt, p, s), Continuous, [CurrentIn], RateDocs.RecRateEulerJax(force: false), "RecRateEulerJax");
        Add((name, size, dt, p, s) => new RecRateEulerJax(name, force: true, size, dt, p, s), Continuous, [CurrentIn, ForceIn], RateDocs.RecRateEulerJax(force: true), "ForceRateEulerJax");

        Add((name, size, dt, p, s) => new FFCLIAF(name, size, dt, p, s), Spikes, [SpikesIn], DigitalDocs.FFCLIAF, "FFCLIAF");
        Add((name, size, dt, p, s) => new RecCLIAF(name, size, dt, p, s), Spikes, [SpikesIn], DigitalDocs.RecCLIAF, "RecCLIAF");
        Add((name, size, dt, p, s) => new RecDIAF(name, size, dt, p, s), Spikes, [SpikesIn], DigitalDocs.RecDIAF, "RecDIAF");
        Add((name, size, dt, p, s) => new SoftMaxLayer(name, size, dt, p, s), Continuous, [SpikesIn], SynapseDocs.SoftMaxLayer, "SoftMaxLayer");
        Add((name, size, dt, p, s) => new FFUpDown(name, size, dt, p, s), Spikes, [CurrentIn], DigitalDocs.FFUpDown, "FFUpDown");

        Add((name, size, dt, p, s) => new RecFSSpikeEulerBT(name, size, dt, p, s), Spikes, [CurrentIn], NestZooDocs.RecFSSpikeEulerBT, "RecFSSpikeEulerBT");
        Add((name, size, dt, p, s) => new NestIaf(name, currentInput: true, adaptive: false, size, dt, p, s), Spikes, [CurrentIn], NestZooDocs.NestIaf(currentInput: true, adaptive: false), "FFIAFNest");
        Add((name, size, dt, p, s) => new NestIaf(name, currentInput: false, adaptive: false, size, dt, p, s), Spikes, [SpikesIn], NestZooDocs.NestIaf(currentInput: false, adaptive: false), "RecIAFSpkInNest");
        Add((name, size, dt, p, s) => new NestIaf(name, currentInput: false, adaptive: true, size, dt, p, s), Spikes, [SpikesIn], NestZooDocs.NestIaf(currentInput: false, adaptive: true), "RecAEIFSpkInNest");

        Add((name, size, dt, p, s) => new SpikingActivation(name, size, dt, p, s), Spikes, [CurrentIn], KerasDocs.SpikingActivation, "SpikingActivation");
        Add((name, size, dt, p, s) => new SpikingActivation(name, size, dt, p, s, emitCounts: true), Continuous, [CurrentIn], KerasDocs.SpikingActivationCounts, "SpikingActivationCounts");
        Add((name, size, dt, p, s) => new Lowpass(name, size, dt, p, s), Continuous, [CurrentIn], KerasDocs.Lowpass, "Lowpass");
        Add((name, size, dt, p, s) => new Alpha(name, size, dt, p, s), Continuous, [CurrentIn], KerasDocs.Alpha, "Alpha");
        Add((name, size, dt, p, s) => new TemporalAvgPool(name, size, dt, p, s), Continuous, [CurrentIn], KerasDocs.TemporalAvgPool, "TemporalAvgPool");
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

    /// <summary>Registers <paramref name="names"/> (aliases of one model) with the same output kind, ports and documentation.</summary>
    private static void Add(NamedFactory factory, SignalKind output, PortInfo[] ports, ModelDoc doc, params string[] names)
    {
        foreach (var name in names)
        {
            var n = name;
            ModelCatalog.Register(new ModelInfo(n, output, ports), (size, dt, p, streams) => factory(n, size, dt, p, streams), doc);
            _names = [.. _names, n];
        }
    }
}
