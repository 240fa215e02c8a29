using EventSpike.Routing.Network;

namespace EventSpike.Host.Output;

/// <summary>What a run records and where (shared by <c>run</c> and <c>stream</c>): the recorded layers, the probes, the sink.</summary>
public static class RunRecording
{
    /// <summary>The recording into <paramref name="outDir"/>: spikes.csv and the rest streamed from a journal at the end.</summary>
    public static RecordingSink OpenSink(CompiledNetwork network, string outDir, string? journal = null, long? resumeAt = null) =>
        new(Path.Combine(outDir, "spikes.csv"), network.Dt, RecordedLayers(network), ProbeRecordings(network), journal, resumeAt);

    /// <summary>The layers whose spikes (or samples) the run records, as the network file names them.</summary>
    public static IEnumerable<RecordedLayer> RecordedLayers(CompiledNetwork network) =>
        network.FileLayers.Where(l => l.Recorded)
            .Select(l => new RecordedLayer(l.Id, l.Name, l.Size, l.Model.OutputKind == Neurons.Models.SignalKind.Continuous));

    /// <summary>The network file's probes by probe id.</summary>
    public static Dictionary<int, ProbeRecording> ProbeRecordings(CompiledNetwork network) =>
        network.FileProbes.ToDictionary(p => p.Id, p => new ProbeRecording(network.FileLayers[p.Layer].Name, p.Probe.Variable, p.Probe.Neurons,
            StateUnit(network.FileLayers[p.Layer].Model.ClassName, p.Probe.Variable)));

    /// <summary>The unit of state variable <paramref name="variable"/> of model class <paramref name="type"/> as its documentation gives it, or null.</summary>
    public static string? StateUnit(string type, string variable) =>
        Neurons.Models.ModelCatalog.IsKnown(type)
            ? Neurons.Models.ModelCatalog.Document(type).State.FirstOrDefault(s => s.Name == variable)?.Unit
            : null;

    /// <summary>
    /// The unit of a state variable called <paramref name="variable"/> when every model that has one gives it
    /// the same unit (a series file names only <c>layer.variable</c>), else null.
    /// </summary>
    public static string? StateUnit(string variable)
    {
        var units = Neurons.Models.ModelCatalog.Names
            .SelectMany(type => Neurons.Models.ModelCatalog.Document(type).State)
            .Where(s => s.Name == variable).Select(s => s.Unit).Distinct().ToList();
        return units.Count == 1 ? units[0] : null;
    }

    /// <summary>The files a run writes into its folder (what a new run claims).</summary>
    public static IEnumerable<string> FileNames(CompiledNetwork network, bool raster) =>
        RecordingSink.FileNames(RecordedLayers(network), ProbeRecordings(network).Values, raster).Append("summary.json");
}
