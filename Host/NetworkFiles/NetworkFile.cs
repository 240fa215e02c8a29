using System.Text.Json;
using EventSpike.Host.Cli;
using EventSpike.Routing.Network;

namespace EventSpike.Host.NetworkFiles;

/// <summary>
/// Reads EventSpike's network format (docs/network-format.md) into a <see cref="NetworkSpec"/>.
/// Every error names the file and where in it: line and column for malformed JSON, the JSON
/// path (e.g. <c>layers[1].size</c>) for a value that is wrong.
/// </summary>
public static class NetworkFile
{
    private static readonly string[] TopKeys = ["name", "description", "dt", "duration", "seed", "window", "layers", "connections", "record", "probes"];
    private static readonly string[] ProbeKeys = ["layer", "variable", "neurons", "interval"];
    private static readonly string[] LayerKeys = ["name", "type", "size", "params", "description", "dt", "node", "backend", "sensor"];
    private static readonly string[] ConnectionKeys = ["from", "to", "weights", "delay", "port", "description"];

    public static NetworkSpec Load(string path)
    {
        if (!File.Exists(path))
            throw new InputException(Directory.Exists(path) ? $"{path}: is a folder, not a network file" : $"{path}: network file not found");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the network file: {e.Message}");
        }
        return Parse(bytes, path);
    }

    public static NetworkSpec Parse(byte[] utf8, string path)
    {
        JsonText.CheckUtf8(utf8, path);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new InputException($"{path}: line {line}, column {column}: malformed JSON: {FirstSentence(e.Message)}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Error(path, "", "the network must be a JSON object");
            JsonText.CheckStrings(root, path);
            if (RockpoolNetworkFile.Matches(root)) return RockpoolNetworkFile.Parse(root, path);
            CheckKeys(root, TopKeys, path, "");
            var name = OptionalString(root, "name", path, "") ?? Path.GetFileNameWithoutExtension(path);
            // dt and duration may come from the command line instead (--dt, --duration): NaN until then.
            var dt = root.TryGetProperty("dt", out _) ? RequiredNumber(root, "dt", path, "") : double.NaN;
            var duration = root.TryGetProperty("duration", out _) ? RequiredNumber(root, "duration", path, "") : double.NaN;
            var seed = Seed(root, path);
            double? window = root.TryGetProperty("window", out _) ? RequiredNumber(root, "window", path, "") : null;

            var layers = new List<LayerSpec>();
            var layerArray = Array(root, "layers", path, "", required: true);
            var i = 0;
            foreach (var l in layerArray)
            {
                var where = $"layers[{i}]";
                if (l.ValueKind != JsonValueKind.Object) throw Error(path, where, "a layer must be an object");
                CheckKeys(l, LayerKeys, path, where + ".");
                var layerName = RequiredString(l, "name", path, where + ".");
                var type = RequiredString(l, "type", path, where + ".");
                var sizeValue = RequiredNumber(l, "size", path, where + ".");
                if (sizeValue != Math.Floor(sizeValue) || sizeValue < 1 || sizeValue > int.MaxValue)
                    throw Error(path, where + ".size", $"size must be a whole number ≥ 1, got {sizeValue}");
                var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                if (l.TryGetProperty("params", out var ps))
                {
                    if (ps.ValueKind != JsonValueKind.Object) throw Error(path, where + ".params", "params must be an object");
                    foreach (var p in ps.EnumerateObject()) parameters[p.Name] = p.Value.Clone();
                }
                double? layerDt = l.TryGetProperty("dt", out _) ? RequiredNumber(l, "dt", path, where + ".") : null;
                string? node = null;
                if (l.TryGetProperty("node", out var pin))
                    node = pin.ValueKind switch
                    {
                        JsonValueKind.Number when pin.TryGetInt32(out var index) && index >= 0 => index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        JsonValueKind.String when pin.GetString()!.Contains(':') => pin.GetString(),
                        _ => throw Error(path, where + ".node", $"node must be a worker index (0, 1, ...) or \"HOST:PORT\", got {pin.GetRawText()}"),
                    };
                var backend = l.TryGetProperty("backend", out _) ? RequiredString(l, "backend", path, where + ".") : null;
                var sensor = l.TryGetProperty("sensor", out var sensorField) ? SensorField.Parse(sensorField, path, where, (int)sizeValue) : null;
                layers.Add(new LayerSpec(layerName, type, (int)sizeValue, parameters) { Where = $"{path}: {where}", Dt = layerDt, Node = node, Backend = backend, Sensor = sensor });
                i++;
            }

            var connections = new List<ConnectionSpec>();
            i = 0;
            foreach (var c in Array(root, "connections", path, "", required: false))
            {
                var where = $"connections[{i}]";
                if (c.ValueKind != JsonValueKind.Object) throw Error(path, where, "a connection must be an object");
                CheckKeys(c, ConnectionKeys, path, where + ".");
                var from = RequiredString(c, "from", path, where + ".");
                var to = RequiredString(c, "to", path, where + ".");
                if (!c.TryGetProperty("weights", out var weights)) throw Error(path, where, "missing 'weights'");
                // A number of seconds, or an object of per-synapse delays (checked by the compiler).
                JsonElement? delayDistribution = c.TryGetProperty("delay", out var delayValue) && delayValue.ValueKind == JsonValueKind.Object ? delayValue.Clone() : null;
                var delay = delayDistribution is null && c.TryGetProperty("delay", out _) ? RequiredNumber(c, "delay", path, where + ".") : 0.0;
                var port = OptionalString(c, "port", path, where + ".");
                connections.Add(new ConnectionSpec(from, to, weights.Clone(), delay, port) { Where = $"{path}: {where}", DelayDistribution = delayDistribution });
                i++;
            }

            List<string>? record = null;
            if (root.TryGetProperty("record", out _))
            {
                record = new List<string>();
                foreach (var r in Array(root, "record", path, "", required: true))
                {
                    if (r.ValueKind != JsonValueKind.String) throw Error(path, "record", "record lists layer names");
                    record.Add(r.GetString()!);
                }
            }
            var probes = new List<ProbeSpec>();
            i = 0;
            foreach (var p in Array(root, "probes", path, "", required: false))
            {
                var where = $"probes[{i}]";
                if (p.ValueKind != JsonValueKind.Object) throw Error(path, where, "a probe must be an object");
                CheckKeys(p, ProbeKeys, path, where + ".");
                int[]? neurons = null;
                if (p.TryGetProperty("neurons", out var ns))
                {
                    if (ns.ValueKind != JsonValueKind.Array || ns.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out _)))
                        throw Error(path, where + ".neurons", "neurons must be a list of neuron indices");
                    neurons = ns.EnumerateArray().Select(n => n.GetInt32()).ToArray();
                }
                double? interval = p.TryGetProperty("interval", out _) ? RequiredNumber(p, "interval", path, where + ".") : null;
                probes.Add(new ProbeSpec(RequiredString(p, "layer", path, where + "."), RequiredString(p, "variable", path, where + "."), neurons, interval)
                {
                    Where = $"{path}: {where}",
                });
                i++;
            }
            return new NetworkSpec(name, dt, duration, seed, layers, connections, record, window) { Probes = probes };
        }
    }

    private static ulong Seed(JsonElement root, string path)
    {
        if (!root.TryGetProperty("seed", out var s)) return 0;
        if (s.ValueKind != JsonValueKind.Number || !s.TryGetUInt64(out var seed))
            throw Error(path, "seed", $"seed must be a whole number ≥ 0, got {s.GetRawText()}");
        return seed;
    }

    private static void CheckKeys(JsonElement obj, string[] known, string path, string prefix)
    {
        foreach (var p in obj.EnumerateObject())
            if (!known.Contains(p.Name))
                throw Error(path, prefix + p.Name, $"unknown field '{p.Name}'; known: {string.Join(", ", known)}");
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement obj, string key, string path, string prefix, bool required)
    {
        if (!obj.TryGetProperty(key, out var a))
        {
            if (required) throw Error(path, prefix + key, $"missing '{key}'");
            return default;
        }
        if (a.ValueKind != JsonValueKind.Array) throw Error(path, prefix + key, $"'{key}' must be a list");
        return a.EnumerateArray();
    }

    private static double RequiredNumber(JsonElement obj, string key, string path, string prefix)
    {
        if (!obj.TryGetProperty(key, out var v)) throw Error(path, prefix + key, $"missing '{key}'");
        if (v.ValueKind != JsonValueKind.Number) throw Error(path, prefix + key, $"'{key}' must be a number, got {v.GetRawText()}");
        return v.GetDouble();
    }

    private static string RequiredString(JsonElement obj, string key, string path, string prefix) =>
        OptionalString(obj, key, path, prefix) ?? throw Error(path, prefix + key, $"missing '{key}'");

    private static string? OptionalString(JsonElement obj, string key, string path, string prefix)
    {
        if (!obj.TryGetProperty(key, out var v)) return null;
        if (v.ValueKind != JsonValueKind.String) throw Error(path, prefix + key, $"'{key}' must be a string, got {v.GetRawText()}");
        return v.GetString();
    }

    private static InputException Error(string path, string where, string message) =>
        new(string.IsNullOrEmpty(where) ? $"{path}: {message}" : $"{path}: {where}: {message}");

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends its own 0-based position ("LineNumber: 3 | BytePositionInLine: 1.") and a path: the
        // message already gives the 1-based line and column once.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = (cut > 0 ? message[..cut] : message).Trim();
        return System.Text.RegularExpressions.Regex.Replace(text, @"\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?$", "").Trim();
    }
}
