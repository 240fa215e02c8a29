using System.Globalization;
using System.Text.Json.Nodes;

namespace EventSpike.Routing.Nir;

/// <summary>
/// Turns a NIR graph into an EventSpike network description (the JSON of docs/network-format.md):
/// neuron, Threshold, Input and Output nodes become layers named as the nodes (<c>outer.inner</c>
/// inside subgraphs); every other node folds into the weights, delays and biases of the connections
/// between them (<see cref="NirFolding"/>). An edge that closes a cycle of zero-delay connections gets one step of delay.
/// docs/nir.md lists every mapping.
/// </summary>
public static class NirConverter
{
    public sealed record Result(JsonObject Network, IReadOnlyList<string> Warnings);

    public static Result ToNetwork(NirGraph graph, NirImportOptions options, string name, string where)
    {
        if (!(options.Dt > 0) || double.IsInfinity(options.Dt)) throw new NirFormatException($"{where}: a NIR graph has no step: give --dt (seconds)");
        var flat = NirFlatGraph.Of(graph, where);
        var shapes = new NirShapes(flat, where);
        var folding = new NirFolding(flat, shapes, where);
        var warnings = flat.Warnings.Distinct().ToList();
        var layers = LayerOrder(flat);
        if (layers.Count == 0) throw new NirFormatException($"{where}: the graph has no neuron, Input or Output node to run");
        var layerJson = new JsonArray();
        var connections = new List<(string From, string To, double Delay, JsonObject Weights)>();
        foreach (var layer in layers)
        {
            var input = folding.InputOf(layer);
            layerJson.Add((JsonNode)Layer(layer, flat[layer], shapes, input.Bias, options, where));
            foreach (var (source, term) in input.Terms)
                if (options.Kernels && term.Stages is { Count: > 0 } stages) connections.Add((source, layer, 0, Network.ConvWeights.Json(stages)));
                else
                    foreach (var (delay, table) in ByDelay(term))
                        connections.Add((source, layer, delay, table));
        }
        var delayed = CycleEdges(layers, connections);
        var connectionJson = new JsonArray();
        for (var c = 0; c < connections.Count; c++)
        {
            var (from, to, delay, weights) = connections[c];
            var o = new JsonObject { ["from"] = from, ["to"] = to, ["weights"] = weights };
            if (delayed.Contains(c))
            {
                delay = options.Dt;
                o["description"] = "closes a cycle: one step of delay";
                warnings.Add($"{where}: edge {from} → {to} closes a cycle; it gets one step ({options.Dt.ToString(CultureInfo.InvariantCulture)} s) of delay");
            }
            if (delay > 0) o["delay"] = delay;
            connectionJson.Add((JsonNode)o);
        }
        var network = new JsonObject
        {
            ["name"] = name,
            ["description"] = $"converted from NIR {graph.Version} (reset {options.Reset}, method {options.Method}, spikes {options.Spikes})",
            ["dt"] = options.Dt,
            ["layers"] = layerJson,
            ["connections"] = connectionJson,
        };
        return new Result(network, warnings);
    }

    /// <summary>Layer nodes breadth-first from the Input nodes along the edges, then any not reached, in file order.</summary>
    private static List<string> LayerOrder(NirFlatGraph flat)
    {
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(flat.Nodes.Where(n => n.Value.Type == "Input").Select(n => n.Key));
        foreach (var n in queue) seen.Add(n);
        var rest = flat.Nodes.Select(n => n.Key).ToList();
        while (true)
        {
            while (queue.Count > 0)
            {
                var at = queue.Dequeue();
                order.Add(at);
                foreach (var (from, to) in flat.Edges)
                    if (from == at && seen.Add(to)) queue.Enqueue(to);
            }
            var next = rest.FirstOrDefault(n => !seen.Contains(n));
            if (next is null) break;
            seen.Add(next);
            queue.Enqueue(next);
        }
        return order.Where(n => NirPrimitives.IsLayer(flat[n].Type)).ToList();
    }

    /// <summary>The connections (indices) that close a cycle of zero-delay connections: back edges of a depth-first walk in layer order.</summary>
    private static HashSet<int> CycleEdges(List<string> layers, List<(string From, string To, double Delay, JsonObject Weights)> connections)
    {
        var state = layers.ToDictionary(l => l, _ => 0, StringComparer.Ordinal); // 0 new, 1 on the stack, 2 done
        var back = new HashSet<int>();
        void Visit(string layer)
        {
            state[layer] = 1;
            for (var c = 0; c < connections.Count; c++)
            {
                var (from, to, delay, _) = connections[c];
                if (from != layer || delay > 0) continue;
                if (state[to] == 1) back.Add(c);
                else if (state[to] == 0) Visit(to);
            }
            state[layer] = 2;
        }
        foreach (var layer in layers)
            if (state[layer] == 0) Visit(layer);
        return back;
    }

    private static IEnumerable<(double Delay, JsonObject Table)> ByDelay(NirFolding.Term term)
    {
        var delays = term.Rows.SelectMany(r => r.Keys.Select(k => k.Delay)).Distinct().Order();
        foreach (var delay in delays)
        {
            var (pre, post, weight) = (new List<int>(), new List<int>(), new List<double>());
            for (var i = 0; i < term.Rows.Length; i++)
                foreach (var ((k, d), w) in term.Rows[i].OrderBy(e => e.Key.Post))
                    if (d == delay && w != 0)
                    {
                        pre.Add(i);
                        post.Add(k);
                        weight.Add(w);
                    }
            if (weight.Count > 0) yield return (delay, WeightTable.Json(pre, post, weight));
        }
    }

    private static JsonObject Layer(string name, NirNode node, NirShapes shapes, double[] bias, NirImportOptions options, string where)
    {
        var shape = node.Type == "Input" ? shapes.OutputShape(name) : shapes.InputShape(name);
        var size = NirShapes.Size(shape);
        var p = new JsonObject { ["shape"] = new JsonArray(shape.Select(d => (JsonNode)d).ToArray()) };
        string type;
        switch (node.Type)
        {
            case "Input":
                type = "NirInput";
                break;
            case "Output":
                type = "NirOutput";
                break;
            case "Threshold":
                type = "NirThreshold";
                Copy(p, node, "threshold", "threshold", size);
                break;
            default:
                var spiking = node.Type is "LIF" or "CubaLIF" or "IF";
                type = spiking ? "NirNeuron" : "NirIntegrator";
                Copy(p, node, node.Type is "LIF" or "LI" ? "tau" : "tau_mem", "tau_mem", size);
                Copy(p, node, "tau_syn", "tau_syn", size);
                foreach (var f in new[] { "r", "v_leak", "w_in" }) Copy(p, node, f, f, size);
                if (spiking)
                {
                    Copy(p, node, "v_threshold", "v_threshold", size);
                    Copy(p, node, "v_reset", "v_reset", size);
                    p["reset"] = options.Reset;
                }
                p["method"] = options.Method;
                p["spikes"] = options.Spikes;
                break;
        }
        if (bias.Any(b => b != 0))
        {
            if (node.Type == "Input") throw new NirFormatException($"{where}: node '{name}' (Input) receives a bias; an Input takes nothing");
            p["bias"] = Values(bias);
        }
        return new JsonObject { ["name"] = name, ["type"] = type, ["size"] = size, ["params"] = p };
    }

    private static void Copy(JsonObject p, NirNode node, string field, string parameter, int size)
    {
        if (node.Field(field) is not { } f) return;
        p[parameter] = Values(f.Count == size ? f.Data : Enumerable.Repeat(f.Data[0], size).ToArray());
    }

    private static JsonNode Values(double[] v) =>
        v.All(x => x.Equals(v[0])) ? JsonValue.Create(v[0]) : new JsonArray(v.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());
}
