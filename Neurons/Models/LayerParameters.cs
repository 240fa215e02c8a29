using System.Text.Json;

namespace EventSpike.Neurons.Models;

/// <summary>
/// The parameters of one layer as the network file gives them (Rockpool's names, SI units).
/// Values are scalars or one value per neuron. Every read is remembered so that a name the
/// model does not know is reported instead of silently ignored.
/// </summary>
public sealed class LayerParameters
{
    private readonly Dictionary<string, JsonElement> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public LayerParameters(IReadOnlyDictionary<string, JsonElement>? values = null)
    {
        _values = values is null ? new(StringComparer.Ordinal) : new(values, StringComparer.Ordinal);
    }

    /// <summary>Parameters from (name, number) pairs, for code that builds layers without a file.</summary>
    public static LayerParameters From(params (string Name, object Value)[] values)
    {
        var dict = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in values) dict[name] = JsonElements.Of(value);
        return new LayerParameters(dict);
    }

    public IEnumerable<string> Names => _values.Keys;

    /// <summary>
    /// Every name a model has asked for so far (read, or tested with <see cref="Has"/>), given or not:
    /// what <see cref="ThrowIfUnknown"/> accepts, and what the documentation of each model is checked against.
    /// </summary>
    public IReadOnlyCollection<string> ReadNames => _read;

    /// <summary>
    /// The parameters of neurons [<paramref name="from"/>, <paramref name="to"/>) of a layer of
    /// <paramref name="size"/>: every list of exactly <paramref name="size"/> values (one per neuron)
    /// is cut to that range; scalars and other lists stay as they are. Used to build one shard of a layer.
    /// </summary>
    public LayerParameters Slice(int from, int to, int size)
    {
        if (from < 0 || to > size || from >= to) throw new ArgumentOutOfRangeException(nameof(from), $"[{from}, {to}) is not a range of {size} neurons");
        var sliced = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in _values)
            sliced[name] = value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == size
                ? JsonElements.Array(value.EnumerateArray().Skip(from).Take(to - from))
                : value;
        return new LayerParameters(sliced);
    }

    public bool Has(string name)
    {
        _read.Add(name);
        return _values.ContainsKey(name);
    }

    public double Scalar(string name, double fallback)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var e)) return fallback;
        if (e.ValueKind != JsonValueKind.Number)
            throw new ModelParameterException(name, $"'{name}' must be a number, got {Describe(e)}");
        return e.GetDouble();
    }

    public int Integer(string name, int fallback)
    {
        var v = Scalar(name, fallback);
        if (v != Math.Floor(v) || v < int.MinValue || v > int.MaxValue)
            throw new ModelParameterException(name, $"'{name}' must be an integer, got {v}");
        return (int)v;
    }

    /// <summary>A scalar (applied to every neuron) or an array of exactly <paramref name="size"/> numbers.</summary>
    public double[] PerNeuron(string name, double fallback, int size)
    {
        _read.Add(name);
        var result = new double[size];
        if (!_values.TryGetValue(name, out var e))
        {
            Array.Fill(result, fallback);
            return result;
        }
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                Array.Fill(result, e.GetDouble());
                return result;
            case JsonValueKind.Array:
                if (e.GetArrayLength() != size)
                    throw new ModelParameterException(name, $"'{name}' has {e.GetArrayLength()} values, the layer has {size} neurons");
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Number)
                        throw new ModelParameterException(name, $"'{name}'[{i}] must be a number, got {Describe(item)}");
                    result[i++] = item.GetDouble();
                }
                return result;
            default:
                throw new ModelParameterException(name, $"'{name}' must be a number or a list of {size} numbers, got {Describe(e)}");
        }
    }

    /// <summary>A list of numbers of any length (e.g. a [low, high] range); null when absent.</summary>
    public double[]? List(string name)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var e)) return null;
        if (e.ValueKind == JsonValueKind.Number) return [e.GetDouble()];
        if (e.ValueKind != JsonValueKind.Array)
            throw new ModelParameterException(name, $"'{name}' must be a number or a list of numbers, got {Describe(e)}");
        return e.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.Number
            ? item.GetDouble()
            : throw new ModelParameterException(name, $"'{name}'[{i}] must be a number, got {Describe(item)}")).ToArray();
    }

    /// <summary>
    /// A weight matrix in Rockpool's layout, nested lists [pre][post] (M×N); a flat list is one row
    /// and a number a 1×1 matrix (Rockpool coerces weights to at least 2-D). Null when absent or null.
    /// </summary>
    public Kernels.DenseMatrix? Matrix(string name)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind == JsonValueKind.Number) return new Kernels.DenseMatrix(1, 1, [e.GetDouble()]);
        if (e.ValueKind != JsonValueKind.Array)
            throw new ModelParameterException(name, $"'{name}' must be a matrix given as a list of rows, got {Describe(e)}");
        var rows = e.EnumerateArray().ToList();
        if (rows.Count == 0) return new Kernels.DenseMatrix(0, 0, []);
        if (rows.All(r => r.ValueKind == JsonValueKind.Number))
            return new Kernels.DenseMatrix(1, rows.Count, rows.Select(r => r.GetDouble()).ToArray());
        var cols = -1;
        var data = new List<double>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.ValueKind != JsonValueKind.Array)
                throw new ModelParameterException(name, $"'{name}'[{i}] must be a list of numbers, got {Describe(row)}");
            var n = row.GetArrayLength();
            if (cols < 0) cols = n;
            else if (n != cols)
                throw new ModelParameterException(name, $"'{name}' is ragged: row 0 has {cols} values, row {i} has {n}");
            var j = 0;
            foreach (var item in row.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number)
                    throw new ModelParameterException(name, $"'{name}'[{i}][{j}] must be a number, got {Describe(item)}");
                data.Add(item.GetDouble());
                j++;
            }
        }
        return new Kernels.DenseMatrix(rows.Count, cols, data.ToArray());
    }

    /// <summary>A JSON boolean.</summary>
    public bool Bool(string name, bool fallback)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null) return fallback;
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ModelParameterException(name, $"'{name}' must be true or false, got {Describe(e)}"),
        };
    }

    /// <summary>A string; <paramref name="fallback"/> when absent or null.</summary>
    public string Text(string name, string fallback)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null) return fallback;
        if (e.ValueKind != JsonValueKind.String)
            throw new ModelParameterException(name, $"'{name}' must be a string, got {Describe(e)}");
        return e.GetString()!;
    }

    /// <summary>True when the parameter is given as JSON null (Rockpool's None).</summary>
    public bool IsNull(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var e) && e.ValueKind == JsonValueKind.Null;
    }

    /// <summary>
    /// Like <see cref="PerNeuron"/>, for parameters where Rockpool accepts None: null when given as
    /// null, or when absent and <paramref name="fallback"/> is null.
    /// </summary>
    public double[]? PerNeuronOrNull(string name, double? fallback, int size)
    {
        if (IsNull(name)) return null;
        if (!_values.ContainsKey(name) && fallback is null) return null;
        return PerNeuron(name, fallback ?? 0, size);
    }

    /// <summary>The raw JSON value (for parameters with several accepted forms); null when absent.</summary>
    public JsonElement? Raw(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var e) ? e : null;
    }

    /// <summary>Throws for any parameter the model never asked for, listing those it knows.</summary>
    public void ThrowIfUnknown(string modelName)
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (unknown.Count == 0) return;
        var known = string.Join(", ", _read.OrderBy(k => k, StringComparer.Ordinal));
        throw new ModelParameterException(unknown[0],
            $"unknown parameter '{unknown[0]}' for {modelName}; known: {known}");
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"\"{e.GetString()}\"",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => e.GetRawText(),
    };
}
