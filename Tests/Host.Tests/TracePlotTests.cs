using System.Text.Json;
using EventSpike.Host.Output;
using SkiaSharp;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary><c>traces.png</c> of a run's probes and <c>inspect FILE.npz --plot</c> of a probe's series: size, panels, files listed.</summary>
public class TracePlotTests
{
    private const string Net = """
        {
          "dt": 0.0001, "duration": 0.05, "seed": 1,
          "layers": [ { "name": "lif", "type": "LIF", "size": 20, "params": { "bias": [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.35, 1.4, 1.45], "v_rest": 0, "v_reset": 0, "v_thresh": 1 } } ],
          "record": [],
          "probes": [
            { "layer": "lif", "variable": "v_mem", "neurons": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19], "interval": 0.0005 },
            { "layer": "lif", "variable": "i_syn", "neurons": [3, 4], "interval": 0.001 }
          ]
        }
        """;

    [Fact]
    public void A_run_with_probes_draws_one_panel_per_probed_variable_and_lists_traces_png()
    {
        var path = Path.Combine(TempDir(), "net.json");
        File.WriteAllText(path, Net);
        var dir = TempDir();
        var (code, _, err) = Run("run", path, "--out", dir);
        Assert.True(code == 0, err);

        var png = Path.Combine(dir, "traces.png");
        using (var bitmap = SKBitmap.Decode(png))
        {
            Assert.Equal(TracePlot.Width, bitmap.Width);
            Assert.Equal(2 * TracePlot.PanelHeight, bitmap.Height);
            for (var panel = 0; panel < 2; panel++)
                Assert.True(ColouredPixels(bitmap, panel * TracePlot.PanelHeight, (panel + 1) * TracePlot.PanelHeight) > 200,
                    $"panel {panel} has no coloured line in its data area");
        }
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "outputs.json")));
        Assert.Contains("traces.png", manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()));

        var quiet = TempDir();
        Assert.Equal(0, Run("run", path, "--out", quiet, "--no-plot").Code);
        Assert.False(File.Exists(Path.Combine(quiet, "traces.png")), "--no-plot wrote traces.png");
        Assert.False(File.Exists(Path.Combine(quiet, "raster.png")), "--no-plot wrote raster.png");

        var inspected = Path.Combine(TempDir(), "v.png");
        var inspect = Run("inspect", Path.Combine(dir, "lif.v_mem.npz"), "--plot", inspected);
        Assert.True(inspect.Code == 0, inspect.Err);
        using var single = SKBitmap.Decode(inspected);
        Assert.Equal(TracePlot.Width, single.Width);
        Assert.Equal(TracePlot.SinglePanelHeight, single.Height);
        Assert.True(ColouredPixels(single, 0, single.Height) > 200, "inspect --plot drew no coloured line");
    }

    [Fact]
    public void A_panel_shows_at_most_eight_evenly_spaced_neurons_the_first_and_last_among_them_and_says_so()
    {
        Assert.Equal([0, 1, 2], TracePanel.Columns(3, 8));
        var columns = TracePanel.Columns(20, TracePlot.MaxNeuronsPerPanel);
        Assert.Equal(8, columns.Length);
        Assert.Equal(0, columns[0]);
        Assert.Equal(19, columns[^1]);
        Assert.True(columns.Zip(columns.Skip(1)).All(p => p.First < p.Second));
        Assert.Equal(1, TracePlot.Stride(TracePlot.MaxPointsPerLine));
        Assert.Equal(3, TracePlot.Stride(3L * TracePlot.MaxPointsPerLine));
        Assert.Equal("v_mem (V)", new TracePanel("lif.v_mem", "V", [0], 1, [], [[]]).AxisLabel);
        Assert.Equal("x", new TracePanel("rate.x", "—", [0], 1, [], [[]]).AxisLabel);
        Assert.Equal("V", RunRecording.StateUnit("LIF", "v_mem"));
    }

    /// <summary>Pixels of a line's colour (saturated, unlike the white background, black text and grey grid) between the margins.</summary>
    private static int ColouredPixels(SKBitmap bitmap, int top, int bottom)
    {
        var count = 0;
        for (var y = top; y < bottom; y++)
            for (var x = 130; x < bitmap.Width - 260; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 80) count++;
            }
        return count;
    }
}
