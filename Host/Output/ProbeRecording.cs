using System.Globalization;
using System.Text;
using EventSpike.Neurons.Series;

namespace EventSpike.Host.Output;

/// <summary>
/// The samples of one probe: written as <c>LAYER.VARIABLE.npz</c> (a TSContinuous, one channel per
/// probed neuron, each sample stamped at the end of its step) and <c>LAYER.VARIABLE.csv</c>
/// (<c>time_s</c> then one column per neuron, headed <c>n&lt;index&gt;</c>).
/// </summary>
public sealed class ProbeRecording(string layer, string variable, int[] neurons)
{
    private readonly List<long> _steps = new();
    private readonly List<double> _values = new();

    public string FileStem => $"{layer}.{variable}";

    public void Add(ReadOnlySpan<long> steps, ReadOnlySpan<double> values)
    {
        foreach (var s in steps) _steps.Add(s + 1);
        foreach (var v in values) _values.Add(v);
    }

    public void Write(string dir, double dt, long totalSteps)
    {
        var n = neurons.Length;
        var samples = new double[_steps.Count, n];
        for (var i = 0; i < _steps.Count; i++)
            for (var j = 0; j < n; j++) samples[i, j] = _values[i * n + j];
        var times = _steps.Select(s => s * dt).ToArray();
        var series = new TSContinuous(times, samples, tStart: 0.0, tStop: Math.Max(totalSteps * dt, times.LastOrDefault()), name: FileStem);
        var stem = SeriesOutputs.FileName(FileStem)[..^4];
        series.Save(Path.Combine(dir, stem + ".npz"));
        var format = new TimeFormat(dt);
        var csv = new StringBuilder();
        csv.Append("time_s");
        foreach (var neuron in neurons) csv.Append(",n").Append(neuron.ToString(CultureInfo.InvariantCulture));
        csv.Append('\n');
        for (var i = 0; i < _steps.Count; i++)
        {
            csv.Append(format.Seconds(_steps[i]));
            for (var j = 0; j < n; j++) csv.Append(',').Append(_values[i * n + j].ToString("R", CultureInfo.InvariantCulture));
            csv.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(dir, stem + ".csv"), csv.ToString());
    }
}
