using System.Globalization;
using EventSpike.Neurons.Series;
using EventSpike.Tests.Common;
using Xunit;

namespace EventSpike.Host.Tests.Nir;

/// <summary>The NIR example graphs in ../shared/data/nir (skipped out loud when absent) and inputs made for them.</summary>
public static class NirData
{
    public static readonly string[] Graphs =
    [
        "lif_norse.nir", "lif_rockpool.nir", "braille_noDelay_bias_zero.nir", "braille_noDelay_bias_zero_subgraph.nir",
        "braille_noDelay_noBias_subtract.nir", "braille_noDelay_noBias_subtract_subgraph.nir", "cnn_sinabs.nir", "two_lif_neurons.nir",
    ];

    public static string Path(string name)
    {
        var path = SharedFiles.Find("data/nir/" + name);
        Skip.If(path is null, $"shared/data/nir/{name} is not present beside the repository: this test did not run");
        return path!;
    }

    /// <summary>The rows of one of the LIF reference traces: input, membrane voltage, spike (0/1), one row per step of 0.1 ms.</summary>
    public static double[][] Trace(string name) => File.ReadAllLines(Path(name))
        .Where(l => l.Length > 0)
        .Select(l => l.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    /// <summary>An .npz of spikes, one per (step, channel) given, each in the middle of its step of <paramref name="dt"/>.</summary>
    public static string Spikes(IEnumerable<(int Step, int Channel)> spikes, int channels, double duration, double dt)
    {
        var list = spikes.OrderBy(s => s.Step).ThenBy(s => s.Channel).ToList();
        var series = new TSEvent(list.Select(s => (s.Step + 0.5) * dt).ToArray(), list.Select(s => s.Channel).ToArray(), false, 0, duration, "input", channels);
        var path = System.IO.Path.Combine(HostRunner.TempDir(), "input.npz");
        series.Save(path);
        return path;
    }

    /// <summary>spikes.csv as (step, layer, neuron) with step = round(t/dt) − 1, the step that produced the spike.</summary>
    public static List<(long Step, string Layer, int Neuron)> ReadSpikes(string dir, double dt) => File.ReadAllLines(System.IO.Path.Combine(dir, "spikes.csv"))
        .Skip(1).Select(l => l.Split(','))
        .Select(p => ((long)Math.Round(double.Parse(p[0], CultureInfo.InvariantCulture) / dt) - 1, p[1], int.Parse(p[2], CultureInfo.InvariantCulture)))
        .ToList();
}
