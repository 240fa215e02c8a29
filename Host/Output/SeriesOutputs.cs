using EventSpike.Neurons.Numpy;

namespace EventSpike.Host.Output;

/// <summary>
/// Writes each recorded layer as <c>DIR/LAYER.npz</c> in Rockpool's layout: a TSEvent of its spikes
/// (times (k+1)·dt, t_start 0, t_stop n·dt, num_channels = size), or a TSContinuous of its output
/// (each sample stamped at the end of its step, spanning [0, n·dt]). The arrays are streamed from the
/// journal (one pass per array, after a count), so memory does not grow with the run; the bytes are
/// those <see cref="Neurons.Series.TimeSeries.Save"/> writes. Each file is written under a temporary
/// name and renamed when whole.
/// </summary>
public static class SeriesOutputs
{
    public static void Write(string dir, IEnumerable<RecordedLayer> layers, JournalReader journal, JournalCounts counts, double dt, long steps)
    {
        foreach (var layer in layers)
            AtomicFile.Write(Path.Combine(dir, FileName(layer.Name)), stream =>
            {
                using var npz = new NpzStreamWriter(stream);
                if (layer.Continuous) WriteContinuous(npz, layer, journal, counts, dt, steps);
                else WriteEvents(npz, layer, journal, counts, dt, steps);
            });
    }

    private static void WriteEvents(NpzStreamWriter npz, RecordedLayer layer, JournalReader journal, JournalCounts counts, double dt, long steps)
    {
        var shape = new[] { checked((int)counts.Spikes(layer.Layer)) };
        npz.Add("times", "<f8", shape, s =>
        {
            using var times = new ArrayChunks<double>(s);
            journal.Read(spikes: (step, l, neurons) =>
            {
                if (l != layer.Layer) return;
                var t = (step + 1) * dt;
                for (var i = 0; i < neurons.Length; i++) times.Add(t);
            });
        });
        npz.Add("channels", "<i8", shape, s =>
        {
            using var channels = new ArrayChunks<long>(s);
            journal.Read(spikes: (_, l, neurons) =>
            {
                if (l != layer.Layer) return;
                foreach (var n in neurons) channels.Add(n);
            });
        });
        npz.Add("t_start", NpyArray.Scalar(0.0));
        npz.Add("t_stop", NpyArray.Scalar(steps * dt));
        npz.Add("periodic", NpyArray.Scalar(false));
        npz.Add("num_channels", NpyArray.Scalar((long)layer.Size));
        npz.Add("name", NpyArray.Scalar(layer.Name));
        npz.Add("str_type", NpyArray.Scalar("TSEvent"));
    }

    /// <summary>As <see cref="Neurons.Series.TSContinuousBuilder"/> stamps at step end, built up to step n − 1, then t_start set to 0.</summary>
    private static void WriteContinuous(NpzStreamWriter npz, RecordedLayer layer, JournalReader journal, JournalCounts counts, double dt, long steps)
    {
        var rows = checked((int)counts.SampleRows(layer.Layer));
        npz.Add("times", "<f8", [rows], s =>
        {
            using var times = new ArrayChunks<double>(s);
            journal.Read(samples: (l, start, channels, values) =>
            {
                if (l != layer.Layer) return;
                for (var i = 0; i < values.Length / channels; i++) times.Add((start + i + 1) * dt);
            });
        });
        npz.Add("samples", "<f8", [rows, layer.Size], s =>
        {
            using var samples = new ArrayChunks<double>(s);
            journal.Read(samples: (l, _, _, values) =>
            {
                if (l == layer.Layer) samples.Add(values);
            });
        });
        var first = counts.FirstSampleStep(layer.Layer) ?? 0;
        var end = Math.Max(steps - 1, first) + 1;
        npz.Add("t_start", NpyArray.Scalar(0.0));
        npz.Add("t_stop", NpyArray.Scalar(end * dt)); // never before the first sample, (first + 1)·dt
        npz.Add("interp_kind", NpyArray.Scalar("linear"));
        npz.Add("periodic", NpyArray.Scalar(false));
        npz.Add("name", NpyArray.Scalar(layer.Name));
        npz.Add("str_type", NpyArray.Scalar("TSContinuous"));
    }

    /// <summary>The layer's name made safe for a file name.</summary>
    public static string FileName(string layer) =>
        string.Concat(layer.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".npz";
}
