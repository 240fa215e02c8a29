using System.Text.Json;
using EventSpike.Host.Cli;
using Xunit;

namespace EventSpike.Host.Tests;

/// <summary>The DYNAP-SE layers from the command line: the hil example, load-time refusals, bench dynapse.</summary>
public class DynapseCommandTests
{
    [Fact]
    public void The_hil_example_runs_in_process_and_reports_its_device_link()
    {
        var out1 = Directory.CreateTempSubdirectory("hil").FullName;
        var (code, _, stderr) = HostRunner.Run("run", HostRunner.Example("hil.json"), "--out", out1, "--duration", "0.2", "--no-plot");
        Assert.True(code == ExitCodes.Done, stderr);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(out1, "summary.json")));
        var link = Assert.Single(summary.RootElement.GetProperty("device_links").EnumerateArray());
        Assert.Equal("board", link.GetProperty("layer").GetString());
        Assert.Equal("local", link.GetProperty("device").GetString());
        Assert.Equal(40, link.GetProperty("windows").GetInt64()); // 0.2 s in 5 ms windows
        Assert.True(link.GetProperty("round_trip_p99_ms").GetDouble() > 0);
    }

    [Fact]
    public void A_layer_that_breaks_a_board_limit_is_exit_2_naming_neuron_core_and_limit()
    {
        var dir = Directory.CreateTempSubdirectory("hil-bad").FullName;
        var ones = "[" + string.Join(",", Enumerable.Repeat("[1, 1]", 70)) + "]";
        var file = Path.Combine(dir, "bad.json");
        File.WriteAllText(file, $$"""
            { "dt": 0.0001, "duration": 0.01,
              "layers": [ { "name": "input", "type": "PoissonSource", "size": 70, "params": { "rate": 10 } },
                          { "name": "board", "type": "RecDynapSE", "size": 2, "backend": "dynapse",
                            "params": { "weights_in": {{ones}}, "weights_rec": [[0, 0], [0, 0]] } } ],
              "connections": [ { "from": "input", "to": "board", "weights": { "generator": "one_to_one", "weight": 1 } } ] }
            """);
        var (code, _, stderr) = HostRunner.Run("run", file, "--out", Path.Combine(dir, "out"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("'board' (RecDynapSE)", stderr);
        Assert.Contains("fan-in: neuron 1 (chip 0, core 0) has 70 incoming connections", stderr);
        Assert.Contains("fan-in: neuron 2 (chip 0, core 0)", stderr);
        Assert.Contains("the limit is 64", stderr);
        Assert.False(File.Exists(Path.Combine(dir, "out", "summary.json")));
    }

    [Fact]
    public void Bench_dynapse_prints_one_json_line_with_its_realtime_factor()
    {
        var (code, stdout, stderr) = HostRunner.Run("bench", "dynapse", "--mode", "virtual", "--duration", "0.01");
        Assert.True(code == ExitCodes.Done, stderr);
        using var line = JsonDocument.Parse(stdout.Trim());
        Assert.Equal("dynapse-virtual", line.RootElement.GetProperty("bench").GetString());
        Assert.Equal(4096, line.RootElement.GetProperty("neurons").GetInt32());
        Assert.Equal(4096 * 64, line.RootElement.GetProperty("synapses").GetInt32());
        var wall = line.RootElement.GetProperty("wall_s").GetDouble();
        Assert.Equal(Math.Round(wall / 0.01, 4), line.RootElement.GetProperty("realtime_factor").GetDouble(), 3);
        Assert.Equal(ExitCodes.BadInput, HostRunner.Run("bench", "dynapse", "--mode", "analog").Code);
    }
}
