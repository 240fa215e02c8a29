using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>
/// "A 1 KB file must not take the machine": inputs that would fill the memory or never end are refused
/// up front (exit 2, one line naming the field or file), quickly, before anything large is allocated.
/// </summary>
public class LimitsTests
{
    private static string Network(string json)
    {
        var path = Path.Combine(TempDir(), "net.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string NetworkBytes(byte[] utf8)
    {
        var path = Path.Combine(TempDir(), "net.json");
        File.WriteAllBytes(path, utf8);
        return path;
    }

    private const string Good = """
        {
          "dt": 0.0001, "duration": 0.05, "seed": 1,
          "layers": [
            { "name": "in", "type": "PoissonSource", "size": 3, "params": { "rate": 50 } },
            { "name": "lif", "type": "LIF", "size": 1000 }
          ],
          "connections": [
            { "from": "in", "to": "lif", "weights": { "generator": "bernoulli", "p": 0.5, "weight": 0.01 } },
            { "from": "lif", "to": "lif", "delay": 0.001, "weights": { "generator": "bernoulli", "p": 0.01, "weight": 0.001 } }
          ]
        }
        """;

    /// <summary>Exit 2, one line with the fragments, no stack trace, within a few seconds (a second on an idle machine).</summary>
    private static void AssertRefused(string[] args, params string[] fragments)
    {
        var clock = Stopwatch.StartNew();
        var r = Run([.. args, "--out", TempDir(), "--no-plot"]);
        clock.Stop();
        Assert.True(r.Code == 2, $"exit {r.Code}: {r.Err}");
        foreach (var f in fragments) Assert.Contains(f, r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void The_good_network_runs_within_a_small_max_memory() =>
        Assert.Equal(0, Run("run", Network(Good), "--max-memory", "200M", "--out", TempDir(), "--no-plot").Code);

    [Theory]
    [InlineData("\"dt\": 0.0001", "\"dt\": 1e-300", "dt")]
    [InlineData("\"duration\": 0.05", "\"duration\": 1e300", "duration")]
    public void A_run_of_absurdly_many_steps_is_refused(string from, string to, string field) =>
        AssertRefused(["run", Network(Good.Replace(from, to))], field, "steps");

    [Fact]
    public void A_dt_option_that_makes_too_many_steps_is_refused() =>
        AssertRefused(["run", Network(Good.Replace("\"duration\": 0.05", "\"duration\": 1")), "--dt", "1e-12"], "dt", "1e+12 steps");

    [Fact]
    public void A_layer_of_a_billion_neurons_is_refused_naming_it() =>
        AssertRefused(["run", Network(Good.Replace("\"size\": 1000", "\"size\": 1000000000"))], "layers[1].size", "GB");

    [Fact]
    public void An_absurd_poisson_rate_is_refused_naming_the_parameter() =>
        AssertRefused(["run", Network(Good.Replace("\"rate\": 50", "\"rate\": 1e12"))], "'in'", "rate", "spikes per step");

    [Fact]
    public void A_huge_window_with_a_long_duration_is_refused_naming_the_window() =>
        AssertRefused(["run", Network(Good.Replace("\"seed\": 1,", "\"seed\": 1, \"window\": 1e9,").Replace("\"duration\": 0.05", "\"duration\": 1000")),
            "--max-memory", "4G"], "window", "GB");

    [Fact]
    public void More_than_two_billion_synapses_in_a_connection_is_bad_input_naming_it() =>
        AssertRefused(["run", Network(Good.Replace("\"size\": 1000", "\"size\": 100000")
            .Replace("\"generator\": \"bernoulli\", \"p\": 0.01", "\"generator\": \"fixed_indegree\", \"indegree\": 100000"))],
            "connections[1] (lif → lif)", "synapses");

    [Fact]
    public void A_long_recurrent_delay_beyond_the_memory_is_refused_naming_the_delay() =>
        AssertRefused(["run", Network(Good.Replace("\"delay\": 0.001", "\"delay\": 100")), "--max-memory", "4G"],
            "connections[1] (lif → lif).delay", "GB", "--max-memory");

    [Fact]
    public void A_delay_of_more_steps_than_a_ring_can_hold_is_refused() =>
        AssertRefused(["run", Network(Good.Replace("\"delay\": 0.001", "\"delay\": 2e5"))], "connections[1] (lif → lif)", "delay");

    [Theory]
    [InlineData("4x")]
    [InlineData("-1G")]
    [InlineData("0")]
    public void A_bad_max_memory_is_refused(string value) =>
        AssertRefused(["run", Network(Good), "--max-memory", value], "--max-memory");

    [Fact]
    public void Invalid_utf8_in_a_string_is_refused_naming_the_place()
    {
        var bytes = Encoding.UTF8.GetBytes(Good.Replace("\"name\": \"lif\"", "\"name\": \"l@f\""));
        var at = Array.IndexOf(bytes, (byte)'@');
        bytes[at] = 0xC3; // a lead byte followed by 'f': not UTF-8
        AssertRefused(["run", NetworkBytes(bytes)], "line 5", "UTF-8");
    }

    [Fact]
    public void A_lone_surrogate_in_a_string_is_refused_naming_the_field() =>
        AssertRefused(["run", Network(Good.Replace("\"name\": \"lif\"", "\"name\": \"l\\ud800f\""))], "layers[1].name", "surrogate");

    [Fact]
    public void A_zip_bomb_input_is_refused_before_it_is_inflated()
    {
        var path = Path.Combine(TempDir(), "bomb.npz");
        WriteBomb(path, 1L << 30);
        Assert.True(new FileInfo(path).Length < 4 << 20); // deflate holds at most ~1032:1
        AssertRefused(["run", Network(Good), "--input", $"in={path}"], path, "times", "GiB");
    }

    [Fact]
    public void Progress_shows_no_nonsense_total()
    {
        Assert.Equal("0.500/1.000 s simulated, 2.00× real time", Output.ProgressDisplay.Describe(5000, 10000, 1e-4, 0.25));
        // The largest run the compiler accepts (1e10 steps) has a plain total.
        Assert.Contains("/1000000.000 s", Output.ProgressDisplay.Describe(0, 10_000_000_000, 1e-4, 0));
        // An open-ended run (it ends with its sources) shows none rather than 2.3e14 s.
        Assert.Equal("1.000 s simulated, 1.00× real time", Output.ProgressDisplay.Describe(10000, Routing.Network.WindowPlan.Unbounded, 1e-4, 1));
    }

    /// <summary>An .npz whose "times" entry is a float64 .npy of <paramref name="bytes"/> bytes of zeros, deflated.</summary>
    internal static void WriteBomb(string path, long bytes)
    {
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        using var s = zip.CreateEntry("times.npy", CompressionLevel.Optimal).Open();
        Neurons.Numpy.Npy.WriteHeader(s, "<f8", [(int)(bytes / 8)]);
        var zeros = new byte[1 << 20];
        for (long written = 0; written < bytes; written += zeros.Length) s.Write(zeros, 0, (int)Math.Min(zeros.Length, bytes - written));
    }
}
