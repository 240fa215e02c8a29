using System.Text.Json;
using EventSpike.Host.Output;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>One speed figure: the run's final line, summary.json and inspect say "S× real time", S = simulated / wall.</summary>
public class SpeedFigureTests
{
    [Fact]
    public void Final_line_summary_and_inspect_say_the_same_speed()
    {
        var dir = TempDir();
        var (code, stdout, stderr) = Run("run", Example("reservoir.json"), "--duration", "0.05", "--out", dir, "--no-plot");
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("realtime factor", stdout);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var root = summary.RootElement;
        var duration = root.GetProperty("duration_s").GetDouble();
        var wall = root.GetProperty("wall_s").GetDouble();
        Assert.Equal(duration / wall, root.GetProperty(SpeedFigure.JsonField).GetDouble(), 2);
        Assert.Equal(wall / duration, root.GetProperty("realtime_factor").GetDouble(), 4);
        var said = System.Text.RegularExpressions.Regex.Match(stdout, @"s simulated in [0-9.]+ s \(([0-9.]+)× real time\)");
        Assert.True(said.Success, stdout);
        var speed = double.Parse(said.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(speed - duration / wall) <= 0.01 + 1e-3 * speed, $"final line {speed}, summary {duration / wall}");

        var inspect = Run("inspect", dir, "--json");
        using var info = JsonDocument.Parse(inspect.Out);
        Assert.Equal(SpeedFigure.Text(duration, wall), info.RootElement.GetProperty("speed").GetString());
    }

    [Theory]
    [InlineData(2.0, 1.0, "2.00× real time")]
    [InlineData(1.0, 4.0, "0.25× real time")]
    [InlineData(0.001, 1.0, "0.001× real time")]
    public void Text_is_simulated_over_wall(double simulated, double wall, string expected) =>
        Assert.Equal(expected, SpeedFigure.Text(simulated, wall));
}
