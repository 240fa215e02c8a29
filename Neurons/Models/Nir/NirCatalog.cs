namespace EventSpike.Neurons.Models.Nir;

/// <summary>Registers the models a NIR graph maps onto (see docs/nir.md).</summary>
public static class NirCatalog
{
    public static readonly IReadOnlyList<string> Names = [NirNeuron.TypeName, NirIntegrator.TypeName, NirThreshold.TypeName, NirOutput.TypeName, NirInput.TypeName];

    public static void RegisterAll()
    {
        PortInfo spikes = new("spikes", PortKind.Spikes), current = new("current", PortKind.Current);
        ModelCatalog.Register(new ModelInfo(NirNeuron.TypeName, SignalKind.Spikes, spikes, current),
            (size, dt, p, _) => new NirNeuron(size, dt, p), NirModelDocs.Neuron);
        ModelCatalog.Register(new ModelInfo(NirIntegrator.TypeName, SignalKind.Continuous, spikes, current),
            (size, dt, p, _) => new NirIntegrator(size, dt, p), NirModelDocs.Integrator);
        ModelCatalog.Register(new ModelInfo(NirThreshold.TypeName, SignalKind.Spikes, spikes, current),
            (size, dt, p, _) => new NirThreshold(size, dt, p), NirModelDocs.Threshold);
        ModelCatalog.Register(new ModelInfo(NirOutput.TypeName, SignalKind.Continuous, spikes, current),
            (size, dt, p, _) => new NirOutput(size, dt, p), NirModelDocs.Output);
        ModelCatalog.Register(new ModelInfo(NirInput.TypeName, SignalKind.Spikes),
            (size, dt, p, _) => new NirInput(size, dt, p), NirModelDocs.Input);
    }
}
