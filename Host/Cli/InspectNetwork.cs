using System.Text.Json.Nodes;
using EventSpike.Host.NetworkFiles;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>inspect</c> of a network file: built as <c>run</c> would build it (without a duration, one step), each
/// layer with every parameter its model takes — those the file gives and the defaults of the rest, as the
/// model's <c>to_dict</c> says them (long per-neuron lists shortened) — and each connection.
/// </summary>
internal static class InspectNetwork
{
    private const int LongList = 8;

    public static Dictionary<string, object?> File(string path)
    {
        var spec = NetworkFile.Load(path);
        if (double.IsNaN(spec.Duration)) spec = spec with { Duration = spec.Dt };
        CompiledNetwork network;
        try
        {
            network = NetworkCompiler.Compile(spec);
        }
        catch (NetworkSpecException e)
        {
            throw new InputException($"{path}: {e.Message}");
        }
        return new Dictionary<string, object?>
        {
            ["kind"] = "network",
            ["name"] = network.Name,
            ["dt"] = network.Dt,
            ["duration"] = network.Duration,
            ["seed"] = network.Seed,
            ["layers"] = network.Layers.Select(Layer).ToList(),
            ["connections"] = network.Connections.Select(c => new Dictionary<string, object?>
            {
                ["from"] = network.Layers[c.From].Name, ["to"] = network.Layers[c.To].Name,
                ["port"] = network.Layers[c.To].Model.Ports[c.Port].Name, ["delay_steps"] = c.DelaySteps, ["synapses"] = c.Synapses.Count,
            }).ToList(),
            ["synapses"] = network.SynapseCount,
            ["window_steps"] = network.Plan.WindowSteps,
        };
    }

    private static Dictionary<string, object?> Layer(CompiledLayer l)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in l.Model.ToDict())
            if (key is not "class_name" and not "size" and not "dt") parameters[key] = Shorten(value);
        return new Dictionary<string, object?>
        {
            ["name"] = l.Name, ["type"] = l.Model.ClassName, ["size"] = l.Size,
            ["output"] = l.Model.OutputKind.ToString().ToLowerInvariant(),
            ["ports"] = l.Model.Ports.Count == 0 ? "none (a source)"
                : string.Join(", ", l.Model.Ports.Select(p => $"{p.Name} ({p.Kind.ToString().ToLowerInvariant()}, {p.Width})")),
            ["recorded"] = l.Recorded,
            ["parameters"] = parameters,
        };
    }

    /// <summary>A value as JSON text, a long list as its first items and its length.</summary>
    private static string Shorten(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray list when list.Count > LongList => $"[{string.Join(", ", list.Take(3).Select(v => v?.ToJsonString() ?? "null"))}, … ({list.Count} values)]",
        _ => value.ToJsonString(),
    };
}
