using EventSpike.Host.Output;
using System.Text.Json;

namespace EventSpike.Host.Cli;

/// <summary><c>inspect</c> of a run: its folder or its <c>summary.json</c> (network, time, speed, spikes per layer, files).</summary>
internal static class InspectRun
{
    /// <summary>Whether a JSON file is a run's summary rather than a network file.</summary>
    public static bool IsSummary(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("total_spikes", out _)
                && doc.RootElement.TryGetProperty("wall_s", out _);
        }
        catch (JsonException)
        {
            return false; // the network reader reports what is wrong with it
        }
    }

    public static Dictionary<string, object?> Folder(string dir)
    {
        var summary = Path.Combine(dir, "summary.json");
        if (!System.IO.File.Exists(summary))
            throw new InputException($"{dir}: a folder without summary.json is not the output of a finished run");
        var info = Summary(summary);
        info["files"] = Directory.GetFiles(dir).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        return info;
    }

    public static Dictionary<string, object?> Summary(string path)
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
        var r = doc.RootElement;
        string Text(string key) => r.TryGetProperty(key, out var v) ? v.ToString() : "";
        double Number(string key) => r.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
        var duration = Number("duration_s");
        var wall = Number("wall_s");
        return new Dictionary<string, object?>
        {
            ["kind"] = "run",
            ["network"] = Text("network"),
            ["duration_s"] = duration,
            ["dt"] = Number("dt"),
            ["seed"] = Text("seed"),
            ["wall_s"] = wall,
            ["speed"] = SpeedFigure.Text(duration, wall),
            ["total_spikes"] = Number("total_spikes"),
            ["layers"] = r.TryGetProperty("layers", out var layers)
                ? layers.EnumerateArray().Select(l => new Dictionary<string, object?>
                {
                    ["name"] = l.GetProperty("name").GetString(), ["size"] = l.GetProperty("size").GetInt32(),
                    ["spikes"] = l.GetProperty("spikes").GetInt64(), ["mean_rate_hz"] = l.GetProperty("mean_rate_hz").GetDouble(),
                }).ToList()
                : [],
        };
    }
}
