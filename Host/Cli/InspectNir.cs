using EventSpike.Host.NetworkFiles;
using EventSpike.Routing.Nir;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>inspect MODEL.nir</c>: the NIR version, every node (subgraphs opened, <c>outer.inner</c>) with its primitive,
/// the shapes it takes and gives and its fields' shapes, the edges, and the layers a run makes of it (names, types, sizes).
/// </summary>
internal static class InspectNir
{
    public static Dictionary<string, object?> File(string path)
    {
        try
        {
            var graph = NirFile.Read(path);
            var flat = NirFlatGraph.Of(graph, path);
            var shapes = new NirShapes(flat, path);
            var converted = NirConverter.ToNetwork(graph, new NirImportOptions(1e-3), Path.GetFileNameWithoutExtension(path), path);
            return new Dictionary<string, object?>
            {
                ["kind"] = "nir",
                ["version"] = graph.Version,
                ["nodes"] = flat.Nodes.Select(n => new Dictionary<string, object?>
                {
                    ["name"] = n.Key,
                    ["type"] = n.Value.Type,
                    ["input_shape"] = shapes.InputShape(n.Key),
                    ["output_shape"] = shapes.OutputShape(n.Key),
                    ["fields"] = n.Value.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => f.Value.IsText ? $"\"{f.Value.Text}\"" : f.Value.ShapeText),
                }).ToList(),
                ["edges"] = flat.Edges.Select(e => new[] { e.From, e.To }).ToList(),
                ["layers"] = converted.Network["layers"]!.AsArray().Select(l => new Dictionary<string, object?>
                {
                    ["name"] = (string?)l!["name"], ["type"] = (string?)l["type"], ["size"] = (int?)l["size"],
                }).ToList(),
                ["connections"] = converted.Network["connections"]!.AsArray().Count,
                ["warnings"] = converted.Warnings.Select(w => w.Replace(path + ": ", "", StringComparison.Ordinal)).ToList(),
            };
        }
        catch (NirFormatException e)
        {
            throw new InputException(e.Message);
        }
    }
}
