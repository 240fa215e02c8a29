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
    public void The_dc_compensation_at_scale_01_is_nests_formula_with_the_reference_rates()
    {
        // NEST's helpers.adjust_weights_and_input_to_synapse_scaling at K_scaling 0.1 with poisson_input and the
        // reference rates 0.971 … 7.523, evaluated independently (Python), in pA. (NEST 3's example feeds it its own
        // full_mean_rates 0.903 … 7.829 instead: 29.0, 112.4, 113.0, 115.0, 125.4, 151.7, 43.8, 153.7 pA.)
        double[] nest = [94.93177956128301, 158.5485682377831, 168.8928452096145, 186.00230259139886,
                         127.06623915181302, 145.43854112192525, 84.33535220190879, 171.65920156516603];
        for (var i = 0; i < 8; i++) Assert.Equal(nest[i], Microcircuit.CompensationPa(i, 0.1), 1e-9 * nest[i]);
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal(0.0, Microcircuit.CompensationPa(i, 1)));
    }

    [Fact]
    public void Rates_per_window_count_the_spikes_of_each_whole_window_after_the_transient()
    {
        // Two neurons, counting from step 10 in windows of 5 steps of 1 ms: window 0 = steps 10–14, window 1 = 15–19.
        var stats = new PopulationStats([2], fromStep: 10, windowSteps: 5);
        stats.Write(9, 0, [0, 1]);
        stats.Write(10, 0, [0]);
        stats.Write(14, 0, [0, 1]);
        stats.Write(15, 0, [1]);
        stats.Write(19, 0, [0, 1]);
        stats.Write(20, 0, [0]);
        // 3 and 3 spikes in 2 neurons × 5 ms; the third window holds 1 (at step 20), the fourth none.
        Assert.Equal([300.0, 300.0, 100.0, 0.0], stats.WindowRates(0, 4, 1e-3));
        Assert.Equal(7 / (2 * 0.011), stats.Rate(0, 0.011), 9);
        Assert.Empty(new PopulationStats([2], 10).WindowRates(0, 4, 1e-3));
    }

    [Theory]
    [InlineData("0", "--seeds must be ≥ 1")]
    [InlineData("1001", "--seeds must be at most 1000")]
    [InlineData("two", "--seeds must be a whole number")]
    public void A_bad_seeds_count_is_refused_before_anything_is_built(string seeds, string message)
    {
        var (code, stdout, stderr) = Run(["bench", "microcircuit", "--scale", "0.02", "--seeds", seeds]);
        Assert.Equal(EventSpike.Host.Cli.ExitCodes.BadInput, code);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("building", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void The_seeds_summary_is_the_mean_and_sample_sd_of_the_runs()
    {
        Dictionary<string, object?> Line(ulong seed, double rate) => new()
        {
            ["seed"] = seed, ["scale"] = 1.0, ["duration_s"] = 1.5, ["transient_s"] = 0.5,
            ["populations"] = new List<Dictionary<string, object?>>
            {
                new() { ["name"] = "L6E", ["rate_hz"] = rate, ["reference_hz"] = 0.991, ["nest_example_hz"] = 1.105, ["cv_isi"] = 0.8 },
            },
        };
        var summary = MicrocircuitSeeds.Summary([Line(1, 1.0), Line(2, 1.2), Line(3, 1.1)]);
        var p = ((List<Dictionary<string, object?>>)summary["populations"]!)[0];
        Assert.Equal(1.1, (double)p["mean_hz"]!, 9);
        Assert.Equal(0.1, (double)p["sd_hz"]!, 9); // √((0.01 + 0.01 + 0) / 2)
        Assert.Equal(1.0, p["min_hz"]);
        Assert.Equal(1.2, p["max_hz"]);
        Assert.Equal(Math.Round((1.1 - 0.991) / 0.991, 4), (double)p["mean_error"]!, 9);
        Assert.Equal(Math.Round((1.1 - 1.105) / 1.105, 4), (double)p["mean_nest_example_error"]!, 9);
        Assert.Equal(0, summary["within_10_percent"]);
        Assert.Equal(1, summary["within_10_percent_nest_example"]);
        Assert.Equal(new object?[] { 1UL, 2UL, 3UL }, (object?[])summary["seeds"]!);
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
        // --seeds 2: seed 12345 (the same rates as above), then 12346, then their mean and s.d.
        var (code, stdout, stderr) = Run(["bench", "microcircuit", "--scale", "0.02", "--duration", "0.05", "--transient", "0.02", "--seeds", "2"]);
        Assert.True(code == 0, stderr);
        var lines = stdout.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(Rates(one), Rates(lines[0]));
        Assert.Equal(12346UL, lines[1].GetProperty("seed").GetUInt64());
        Assert.NotEqual(Rates(lines[0]), Rates(lines[1]));
        Assert.Equal("microcircuit-seeds", lines[2].GetProperty("bench").GetString());
        var mean = lines[2].GetProperty("populations").EnumerateArray().Select(p => p.GetProperty("mean_hz").GetDouble()).ToList();
        for (var i = 0; i < 8; i++)
            Assert.Equal((lines[0].GetProperty("populations")[i].GetProperty("rate_hz").GetDouble() + lines[1].GetProperty("populations")[i].GetProperty("rate_hz").GetDouble()) / 2, mean[i], 4);
        Assert.Equal(Rates(one), Rates(Bench("--plain")));
        Assert.Equal(one.GetProperty("synaptic_events").GetInt64(), Bench("--plain").GetProperty("synaptic_events").GetInt64());
    }
}
