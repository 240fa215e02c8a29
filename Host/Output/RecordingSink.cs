using System.Globalization;
using EventSpike.Actors.Recording;

namespace EventSpike.Host.Output;

/// <summary>
/// Receives the recorder's spikes: streams <c>spikes.csv</c> (<c>time_s,layer,neuron</c>, in the
/// contract's order) to a temporary file renamed on <see cref="Complete"/>, and keeps each recorded
/// layer's spikes for the per-layer files and the raster plot. A spike produced while integrating
/// step k is printed at (k+1)·dt.
/// </summary>
public sealed class RecordingSink : ISpikeSink, IDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly StreamWriter _writer;
    private readonly TimeFormat _time;
    private readonly Dictionary<int, RecordedSpikes> _layers;
    private bool _completed;

    public RecordingSink(string path, double dt, IEnumerable<RecordedSpikes> layers)
    {
        _path = path;
        _temp = AtomicFile.TemporaryPathFor(path);
        _time = new TimeFormat(dt);
        _layers = layers.ToDictionary(l => l.Layer);
        _writer = new StreamWriter(new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            NewLine = "\n",
        };
        _writer.WriteLine("time_s,layer,neuron");
    }

    public IReadOnlyCollection<RecordedSpikes> Layers => _layers.Values;

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

    public void Complete()
    {
        _writer.Flush();
        _writer.BaseStream.Flush();
        _writer.Dispose();
        File.Move(_temp, _path, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        if (_completed) return;
        _writer.Dispose();
        AtomicFile.TryDelete(_temp);
    }
}
