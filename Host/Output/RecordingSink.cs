using System.Globalization;
using EventSpike.Actors.Recording;

namespace EventSpike.Host.Output;

/// <summary>
/// Receives the recorder's spikes: streams <c>spikes.csv</c> (<c>time_s,layer,neuron</c>, in the
/// contract's order) and keeps each recorded layer's spikes for the per-layer files and the raster
/// plot. A spike produced while integrating step k is printed at (k+1)·dt.
///
/// Without checkpoints the rows go to a temporary file renamed on <see cref="Complete"/>. With
/// checkpoints they go to a journal in the checkpoint folder, made durable at each checkpoint
/// (<see cref="Mark"/>); a resumed run cuts the journal back to the checkpoint's mark and goes on,
/// and <see cref="Complete"/> copies the journal to <c>spikes.csv</c>.
/// </summary>
public sealed class RecordingSink : ISpikeSink, IDisposable
{
    public const string Header = "time_s,layer,neuron";

    private readonly string _path;
    private readonly string _streamPath;
    private readonly bool _journal;
    private readonly FileStream _stream;
    private readonly StreamWriter _writer;
    private readonly TimeFormat _time;
    private readonly Dictionary<int, RecordedSpikes> _layers;
    private bool _completed;

    /// <param name="path">The final spikes.csv.</param>
    /// <param name="dt">The step.</param>
    /// <param name="layers">The recorded layers.</param>
    /// <param name="journal">With checkpoints: the journal file.</param>
    /// <param name="resumeAt">When resuming: the journal's length at the checkpoint; its rows are read back into <paramref name="layers"/>.</param>
    public RecordingSink(string path, double dt, IEnumerable<RecordedSpikes> layers, string? journal = null, long? resumeAt = null)
    {
        _path = path;
        _time = new TimeFormat(dt);
        _layers = layers.ToDictionary(l => l.Layer);
        _journal = journal is not null;
        _streamPath = journal ?? AtomicFile.TemporaryPathFor(path);
        if (resumeAt is { } length)
        {
            ReadBack(_streamPath, length, dt);
            _stream = new FileStream(_streamPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
            _stream.SetLength(length);
            _stream.Seek(length, SeekOrigin.Begin);
        }
        else
            _stream = new FileStream(_streamPath, _journal ? FileMode.Create : FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        _writer = new StreamWriter(_stream, leaveOpen: true) { NewLine = "\n" };
        if (resumeAt is null) _writer.WriteLine(Header);
    }

    public IReadOnlyCollection<RecordedSpikes> Layers => _layers.Values;

    /// <summary>True once <see cref="Complete"/> has made spikes.csv whole.</summary>
    public bool Completed => _completed;

    public void Write(long step, int layer, ReadOnlySpan<int> neurons)
    {
        var recorded = _layers[layer];
        var time = _time.Seconds(step + 1);
        foreach (var n in neurons)
        {
            _writer.Write(time);
            _writer.Write(',');
            _writer.Write(recorded.Name);
            _writer.Write(',');
            _writer.WriteLine(n.ToString(CultureInfo.InvariantCulture));
            recorded.TimeSteps.Add(step + 1);
            recorded.Neurons.Add(n);
        }
    }

    public void WriteSamples(int layer, long startStep, int channels, ReadOnlySpan<double> samples) =>
        _layers[layer].Samples?.AddWindow(startStep, samples.Length / channels, samples);

    /// <summary>Probe recordings by probe id (null for a probe whose samples are not wanted).</summary>
    public Dictionary<int, ProbeRecording> Probes { get; } = new();

    public void WriteProbe(int probe, ReadOnlySpan<long> steps, ReadOnlySpan<double> values)
    {
        if (Probes.TryGetValue(probe, out var recording)) recording.Add(steps, values);
    }

    public long Mark()
    {
        _writer.Flush();
        _stream.Flush(true);
        return _stream.Position;
    }

    public void Complete()
    {
        _writer.Flush();
        _stream.Flush(true);
        if (_journal)
        {
            _stream.Seek(0, SeekOrigin.Begin);
            AtomicFile.Write(_path, s => _stream.CopyTo(s));
            _writer.Dispose();
            _stream.Dispose();
        }
        else
        {
            _writer.Dispose();
            _stream.Dispose();
            File.Move(_streamPath, _path, overwrite: true);
        }
        _completed = true;
    }

    public void Dispose()
    {
        if (_completed) return;
        _writer.Dispose();
        _stream.Dispose();
        if (!_journal) AtomicFile.TryDelete(_streamPath);
    }

    /// <summary>Reads the journal's first <paramref name="length"/> bytes back into the recorded layers.</summary>
    private void ReadBack(string journal, long length, double dt)
    {
        var byName = _layers.Values.ToDictionary(l => l.Name);
        using var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length < length) throw new InvalidDataException($"{journal} is shorter ({stream.Length} bytes) than its checkpoint says ({length})");
        using var reader = new StreamReader(new BoundedStream(stream, length));
        if (reader.ReadLine() != Header) throw new InvalidDataException($"{journal}: not a spike journal");
        var line = 1;
        while (reader.ReadLine() is { } row)
        {
            line++;
            var parts = row.Split(',');
            if (parts.Length != 3 || !byName.TryGetValue(parts[1], out var layer) ||
                !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var time) ||
                !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var neuron))
                throw new InvalidDataException($"{journal}: line {line} is not a spike row: '{row}'");
            layer.TimeSteps.Add((long)Math.Round(time / dt));
            layer.Neurons.Add(neuron);
        }
    }
}
