using System.Text.Json;
using EventSpike.Host.Bench;
using EventSpike.Host.NetworkFiles;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>PD14 (<see cref="Microcircuit"/>): the network file, the formulas at a small scale, and the bench's figures.</summary>
public class MicrocircuitTests
{
    [Fact]
    public void The_network_file_is_what_the_code_generates()
    {
        var path = Example("microcircuit.json");
        var text = Microcircuit.FileText();
        if (Environment.GetEnvironmentVariable("EVENTSPIKE_WRITE_MICROCIRCUIT") == "1") File.WriteAllText(path, text);
        Assert.Equal(text, File.ReadAllText(path));
        var spec = NetworkFile.Load(path);
        Assert.Equal(Microcircuit.Populations, spec.Layers.Select(l => l.Name));
        Assert.Equal(Microcircuit.FullSizes, spec.Layers.Select(l => l.Size));
        // 64 pairs less the 9 of probability 0.
        Assert.Equal(55, spec.Connections.Count);
        Assert.All(spec.Connections, c => Assert.NotNull(c.DelayDistribution));
        // ≈ 3·10⁸ synapses at full scale.
        Assert.Equal(298_880_968, spec.Connections.Sum(c => c.Weights.GetProperty("n").GetInt64()));
    }

    [Fact]
    public void The_psc_of_a_015_mv_psp_is_nests()
    {
        // NEST's postsynaptic_potential_to_current(C 250 pF, τ_m 10 ms, τ_syn 0.5 ms) · 0.15 mV.
        Assert.Equal(87.8085, Microcircuit.PscOfPsp(0.15), 3);
        Assert.Equal(4e-5, Microcircuit.VoltsPerPa, 12);
    }

    [Fact]
    public void At_a_small_scale_counts_indegrees_and_weights_follow_the_formulas()
    {
        const double s = 0.02;
        var spec = Microcircuit.Create(s, 0.01, 3);
        var net = NetworkCompiler.Compile(spec);
        for (var i = 0; i < 8; i++)
        {
            var layer = net.Layers[i];
            Assert.Equal((int)Math.Round(Microcircuit.FullSizes[i] * s), layer.Size);
            var p = spec.Layers[i].Parameters;
            Assert.Equal(8 * Math.Round(Microcircuit.ExternalIndegrees[i] * s), p["drive_rate"].GetDouble(), 9);
            Assert.Equal(Microcircuit.PscOfPsp(0.15) / Math.Sqrt(s) * 4e-5, p["drive_weight"].GetDouble(), 12);
            Assert.Equal(Microcircuit.CompensationPa(i, s) * 4e-5, p["bias"].GetDouble(), 12);
            Assert.True(p["bias"].GetDouble() > 0);
        }
        var checkedTables = 0;
        foreach (var c in net.Connections)
        {
            int i = c.To, j = c.From;
            var t = c.Synapses;
            var full = Math.Log(1 - Microcircuit.ConnectionProbabilities[i][j]) / Math.Log(1 - 1.0 / ((double)Microcircuit.FullSizes[i] * Microcircuit.FullSizes[j]));
            Assert.Equal((long)Math.Round(full * s * s), t.Count);
            // In-degrees: the full-scale mean K/N_post times the scale (up to the rounding of the scaled sizes, ≤ 2.5 % at 2 %).
            var indegree = full / Microcircuit.FullSizes[i] * s;
            Assert.InRange(t.Count / (double)net.Layers[i].Size, indegree * 0.975 - 0.5 / net.Layers[i].Size, indegree * 1.025 + 0.5 / net.Layers[i].Size);
            Assert.Equal(j % 2 == 0 ? "exc" : "inh", net.Layers[i].Model.Ports[c.Port].Name);
            Assert.True(c.Synapses.HasDelays);
            Assert.Equal(2, c.DelaySteps);
            if (t.Count < 2000) continue;
            checkedTables++;
            var w = Enumerable.Range(0, (int)t.Count).Select(k => (double)t.WeightAt(k)).ToArray();
            var mean = Microcircuit.PscOfPsp(0.15) * (i == 0 && j == 2 ? 2 : 1) * (j % 2 == 1 ? -4 : 1) / Math.Sqrt(s) * 4e-5;
            var se = 0.1 * Math.Abs(mean) / Math.Sqrt(w.Length);
            Assert.InRange(w.Average(), mean - 5 * se, mean + 5 * se);
            var sd = Math.Sqrt(w.Select(x => x * x).Average() - w.Average() * w.Average());
            Assert.InRange(sd / Math.Abs(mean), 0.1 * (1 - 5 / Math.Sqrt(2.0 * w.Length)), 0.1 * (1 + 5 / Math.Sqrt(2.0 * w.Length)));
            Assert.All(w, x => Assert.Equal(Math.Sign(mean), Math.Sign(x)));
            // Delays: N(15, 7.5²) steps from E, N(7.5, 3.75²) from I, truncated below at one step (means 15.54 and 7.85
            // steps), plus NEST's step (an input there moves V one step after it arrives).
            var d = Enumerable.Range(0, (int)t.Count).Select(t.DelayAt).ToArray();
            Assert.Equal(2, d.Min());
            var expected = 1 + (j % 2 == 0 ? 15.542 : 7.847);
            Assert.InRange(d.Average(), expected - 5 * 7.5 / (j % 2 == 0 ? 1 : 2) / Math.Sqrt(d.Length), expected + 5 * 7.5 / (j % 2 == 0 ? 1 : 2) / Math.Sqrt(d.Length));
        }
        Assert.True(checkedTables >= 10, $"only {checkedTables} tables of ≥ 2,000 synapses");
    }

    [Fact]
    public void The_bench_prints_rates_and_cvs_and_the_same_spikes_on_one_or_two_threads_and_in_a_plain_loop()
    {
        JsonElement Bench(params string[] extra)
        {
            var (code, stdout, stderr) = Run(["bench", "microcircuit", "--scale", "0.02", "--duration", "0.05", "--transient", "0.02", .. extra]);
            Assert.True(code == 0, stderr);
            return JsonDocument.Parse(stdout.Trim()).RootElement.Clone();
        }
        var one = Bench();
        Assert.Equal(8.0, one.GetProperty("bytes_per_synapse").GetDouble(), 0.5);
        Assert.True(one.GetProperty("peak_rss_bytes").GetInt64() > 0);
        Assert.Equal(0.07, one.GetProperty("duration_s").GetDouble(), 9);
        var pops = one.GetProperty("populations").EnumerateArray().ToList();
        Assert.Equal(Microcircuit.Populations, pops.Select(p => p.GetProperty("name").GetString()));
        Assert.True(one.GetProperty("spikes").GetInt64() > 0);
        foreach (var p in pops)
        {
            var rate = p.GetProperty("rate_hz").GetDouble();
            var reference = p.GetProperty("reference_hz").GetDouble();
            // Both rounded to 4 places: the error from the rounded rate is within 1e-4/reference of the printed one.
            Assert.InRange(p.GetProperty("rate_error").GetDouble() - (rate - reference) / reference, -1e-4 - 1e-4 / reference, 1e-4 + 1e-4 / reference);
        }
        string Rates(JsonElement e) => string.Join(",", e.GetProperty("populations").EnumerateArray().Select(p => p.GetProperty("rate_hz").GetDouble()));
        Assert.Equal(Rates(one), Rates(Bench("--threads", "2")));
        Assert.Equal(Rates(one), Rates(Bench("--plain")));
        Assert.Equal(one.GetProperty("synaptic_events").GetInt64(), Bench("--plain").GetProperty("synaptic_events").GetInt64());
    }
}
