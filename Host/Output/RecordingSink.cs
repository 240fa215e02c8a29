using System.Globalization;
using EventSpike.Actors.Recording;

namespace EventSpike.Host.Output;

/// <summary>
/// Receives the recorder's spikes, continuous samples and probe samples and appends them to a
/// binary <see cref="RecordingJournal"/> as the run goes; it keeps nothing else, so memory does not
/// grow with the run's length. The output files are made from the journal, streaming:
/// <c>spikes.csv</c> (<c>time_s,layer,neuron</c>, in the contract's order, a spike of step k printed
/// at (k+1)·dt) on <see cref="Complete"/> (also when a run is interrupted), then the per-layer
/// <c>.npz</c> files, the probes' files and the raster on <see cref="WriteOutputs"/>.
///
/// Without checkpoints the journal is a temporary file in the output folder, deleted on
/// <see cref="Dispose"/> (at the end, or on failure). With checkpoints it lives in the checkpoint
/// folder and is made durable at each checkpoint (<see cref="Mark"/>, whose length the checkpoint
/// stores); a resumed run cuts the journal back to the checkpoint's mark and goes on.
/// </summary>
public sealed class RecordingSink : ISpikeSink, IDisposable
{
    public const string Header = "time_s,layer,neuron";

    private readonly string _path;
    private readonly double _dt;
    private readonly bool _keep;
    private readonly Dictionary<int, RecordedLayer> _layers;
    private readonly RecordingJournal _journal;
    private bool _completed;
    private bool _disposed;

    /// <param name="path">The final spikes.csv (the other outputs go beside it).</param>
    /// <param name="dt">The step.</param>
    /// <param name="layers">The recorded layers.</param>
    /// <param name="probes">The probes whose samples are wanted, by probe id.</param>
    /// <param name="journal">With checkpoints: the journal file, kept; without, a temporary one is made beside <paramref name="path"/>.</param>
    /// <param name="resumeAt">When resuming: the journal's length at the checkpoint; what follows is cut off.</param>
    public RecordingSink(string path, double dt, IEnumerable<RecordedLayer> layers, IReadOnlyDictionary<int, ProbeRecording>? probes = null,
        string? journal = null, long? resumeAt = null)
    {
        _path = path;
        _dt = dt;
        _layers = layers.ToDictionary(l => l.Layer);
        Probes = probes ?? new Dictionary<int, ProbeRecording>();
        _keep = journal is not null;
        if (resumeAt is { } length)
            _journal = RecordingJournal.OpenAt(journal ?? throw new ArgumentException("a resumed recording needs its journal", nameof(journal)), length);
        else
            _journal = journal is null
                ? RecordingJournal.Create(AtomicFile.TemporaryPathFor(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "recording.journal")), createNew: true)
                : RecordingJournal.Create(journal);
    }

    public IReadOnlyCollection<RecordedLayer> Layers => _layers.Values;

    /// <summary>Probe recordings by probe id (a probe whose samples are not wanted is absent).</summary>
    public IReadOnlyDictionary<int, ProbeRecording> Probes { get; }

    /// <summary>True once <see cref="Complete"/> has made spikes.csv whole.</summary>
    public bool Completed => _completed;

    /// <summary>The journal as written so far (flushed to the operating system).</summary>
    public JournalReader Journal => new(_journal.Path, _journal.Flush());

    /// <summary>When the first recorded spike arrived (summary.json's startup block).</summary>
    public FirstSpike FirstSpike { get; } = new();

    public void Write(long step, int layer, ReadOnlySpan<int> neurons)
    {
        if (!_layers.ContainsKey(layer)) throw new KeyNotFoundException($"layer {layer} is not recorded");
        if (neurons.Length > 0) FirstSpike.Note();
        _journal.WriteSpikes(step, layer, neurons);
    }

    public void WriteSamples(int layer, long startStep, int channels, ReadOnlySpan<double> samples)
    {
        if (!_layers[layer].Continuous) return;
        if (channels != _layers[layer].Size || samples.Length % channels != 0)
            throw new ArgumentException($"{samples.Length} values do not make rows of {_layers[layer].Size} channels for {_layers[layer].Name}");
        _journal.WriteSamples(layer, startStep, channels, samples);
    }

    public void WriteProbe(int probe, ReadOnlySpan<long> steps, ReadOnlySpan<double> values)
    {
        if (Probes.ContainsKey(probe) && steps.Length > 0) _journal.WriteProbe(probe, steps, values);
    }

    public long Mark() => _journal.Mark();

    /// <summary>Writes spikes.csv from the journal (the spikes so far: all of them, or up to an interrupt).</summary>
    public void Complete()
    {
        var journal = new JournalReader(_journal.Path, _journal.Mark());
        var time = new TimeFormat(_dt);
        AtomicFile.Write(_path, stream =>
        {
            using var csv = new StreamWriter(stream, leaveOpen: true) { NewLine = "\n" };
            csv.WriteLine(Header);
            journal.Read(spikes: (step, layer, neurons) =>
            {
                var name = _layers[layer].Name;
                var seconds = time.Seconds(step + 1);
                foreach (var n in neurons)
                {
                    csv.Write(seconds);
                    csv.Write(',');
                    csv.Write(name);
                    csv.Write(',');
                    csv.WriteLine(n.ToString(CultureInfo.InvariantCulture));
                }
            });
        });
        _completed = true;
    }

    /// <summary>
    /// After a run of <paramref name="steps"/> steps: each recorded layer's <c>.npz</c>, each probe's
    /// <c>.npz</c> and <c>.csv</c>, and <c>raster.png</c> of the spiking layers and <c>traces.png</c> of the probes
    /// unless <paramref name="rasterTitle"/> is null.
    /// </summary>
    public void WriteOutputs(string dir, long steps, string? rasterTitle)
    {
        var journal = Journal;
        var counts = JournalCounts.Of(journal);
        var recorded = _layers.Values.OrderBy(l => l.Layer).ToList();
        SeriesOutputs.Write(dir, recorded, journal, counts, _dt, steps);
        foreach (var (id, probe) in Probes) probe.Write(dir, id, journal, counts, _dt, steps);
        if (rasterTitle is null) return;
        RasterPlot.Write(Path.Combine(dir, "raster.png"), recorded.Where(r => !r.Continuous).ToList(), journal, counts, _dt, steps * _dt, rasterTitle);
        if (Probes.Count > 0)
            TracePlot.Write(Path.Combine(dir, "traces.png"),
                Probes.OrderBy(p => p.Key).Select(p => p.Value.Panel(p.Key, journal, counts, _dt)).ToList(), steps * _dt, rasterTitle);
    }

    /// <summary>Each recorded spiking layer's name, size and spikes in the recording so far, in layer order.</summary>
    public IReadOnlyList<(string Name, int Size, long Spikes)> SpikeCounts()
    {
        var counts = JournalCounts.Of(Journal);
        return _layers.Values.OrderBy(l => l.Layer).Where(l => !l.Continuous).Select(l => (l.Name, l.Size, counts.Spikes(l.Layer))).ToList();
    }

    /// <summary>
    /// The names of the files this recording makes in the output folder: <c>spikes.csv</c>, each recorded
    /// layer's <c>.npz</c>, each probe's files, and <c>raster.png</c> (and <c>traces.png</c> when there are
    /// probes) when <paramref name="raster"/>.
    /// </summary>
    public static IEnumerable<string> FileNames(IEnumerable<RecordedLayer> layers, IEnumerable<ProbeRecording> probes, bool raster)
    {
        yield return "spikes.csv";
        foreach (var layer in layers) yield return SeriesOutputs.FileName(layer.Name);
        var any = false;
        foreach (var name in probes.SelectMany(p => p.FileNames))
        {
            any = true;
            yield return name;
        }
        if (raster) yield return "raster.png";
        if (raster && any) yield return "traces.png";
    }

    /// <summary>Closes the journal; a temporary one (no checkpoints) is deleted.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _journal.Dispose();
        if (!_keep) AtomicFile.TryDelete(_journal.Path);
    }
}
