using System.Globalization;
using EventSpike.Neurons.Numpy;

namespace EventSpike.Host.Output;

/// <summary>
/// One probe's output files, made from the journal at the end of the run: <c>LAYER.VARIABLE.npz</c>
/// (a TSContinuous, one channel per probed neuron, each sample stamped at the end of its step, t_start 0,
/// t_stop n·dt or the last sample) and <c>LAYER.VARIABLE.csv</c> (<c>time_s</c> then one column per
/// neuron, headed <c>n&lt;index&gt;</c>). Both are streamed: memory does not grow with the run.
/// <see cref="Panel"/> reads its panel of <c>traces.png</c> (bounded too: a few neurons, thinned samples).
/// </summary>
public sealed class ProbeRecording(string layer, string variable, int[] neurons, string? unit = null)
{
    public string FileStem => $"{layer}.{variable}";

    /// <summary>The variable's unit, as the model's documentation gives it (null when unknown).</summary>
    public string? Unit => unit;

    /// <summary>The names of the two files <see cref="Write"/> makes: the <c>.npz</c>, then the <c>.csv</c>.</summary>
    public IReadOnlyList<string> FileNames
    {
        get
        {
            var stem = SeriesOutputs.FileName(FileStem)[..^4];
            return [stem + ".npz", stem + ".csv"];
        }
    }

    /// <summary>Number of probed neurons: the values of one sample.</summary>
    public int Width => neurons.Length;

    public void Write(string dir, int probe, JournalReader journal, JournalCounts counts, double dt, long totalSteps)
    {
        var names = FileNames;
        AtomicFile.Write(Path.Combine(dir, names[0]), stream => WriteSeries(stream, probe, journal, counts, dt, totalSteps));
        AtomicFile.Write(Path.Combine(dir, names[1]), stream => WriteCsv(stream, probe, journal, dt));
    }

    /// <summary>
    /// This probe's panel of <c>traces.png</c>: at most <see cref="TracePlot.MaxNeuronsPerPanel"/> of its neurons,
    /// every k-th sample so a line has at most <see cref="TracePlot.MaxPointsPerLine"/> points.
    /// </summary>
    public TracePanel Panel(int probe, JournalReader journal, JournalCounts counts, double dt)
    {
        var columns = TracePanel.Columns(Width, TracePlot.MaxNeuronsPerPanel);
        var stride = TracePlot.Stride(counts.ProbeRows(probe));
        var times = new List<double>();
        var values = columns.Select(_ => new List<double>()).ToArray();
        long row = 0;
        journal.Read(probes: (p, steps, samples) =>
        {
            if (p != probe) return;
            for (var i = 0; i < steps.Length; i++, row++)
            {
                if (row % stride != 0) continue;
                times.Add((steps[i] + 1) * dt);
                for (var c = 0; c < columns.Length; c++) values[c].Add(samples[i * Width + columns[c]]);
            }
        });
        return new TracePanel(FileStem, unit, columns.Select(c => neurons[c]).ToArray(), Width,
            times.ToArray(), values.Select(v => v.ToArray()).ToArray(), stride);
    }

    private void WriteSeries(Stream stream, int probe, JournalReader journal, JournalCounts counts, double dt, long totalSteps)
    {
        using var npz = new NpzStreamWriter(stream);
        var rows = checked((int)counts.ProbeRows(probe));
        npz.Add("times", "<f8", [rows], s =>
        {
            using var times = new ArrayChunks<double>(s);
            journal.Read(probes: (p, steps, _) =>
            {
                if (p != probe) return;
                foreach (var step in steps) times.Add((step + 1) * dt);
            });
        });
        npz.Add("samples", "<f8", [rows, Width], s =>
        {
            using var samples = new ArrayChunks<double>(s);
            journal.Read(probes: (p, _, values) =>
            {
                if (p == probe) samples.Add(values);
            });
        });
        var last = counts.LastProbeStep(probe) is { } step ? (step + 1) * dt : 0.0;
        npz.Add("t_start", NpyArray.Scalar(0.0));
        npz.Add("t_stop", NpyArray.Scalar(Math.Max(totalSteps * dt, last)));
        npz.Add("interp_kind", NpyArray.Scalar("linear"));
        npz.Add("periodic", NpyArray.Scalar(false));
        npz.Add("name", NpyArray.Scalar(FileStem));
        npz.Add("str_type", NpyArray.Scalar("TSContinuous"));
    }

    private void WriteCsv(Stream stream, int probe, JournalReader journal, double dt)
    {
        using var csv = new StreamWriter(stream, leaveOpen: true);
        var format = new TimeFormat(dt);
        csv.Write("time_s");
        foreach (var neuron in neurons) csv.Write(",n" + neuron.ToString(CultureInfo.InvariantCulture));
        csv.Write('\n');
        journal.Read(probes: (p, steps, values) =>
        {
            if (p != probe) return;
            for (var i = 0; i < steps.Length; i++)
            {
                csv.Write(format.Seconds(steps[i] + 1));
                for (var j = 0; j < Width; j++)
                {
                    csv.Write(',');
                    csv.Write(values[i * Width + j].ToString("R", CultureInfo.InvariantCulture));
                }
                csv.Write('\n');
            }
        });
    }
}
