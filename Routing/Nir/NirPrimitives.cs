namespace EventSpike.Routing.Nir;

/// <summary>
/// The NIR primitives EventSpike reads: for each type, the fields it requires and those it may
/// have, and which become layers (neurons, Threshold, the graph's Input and Output) and which fold
/// into the weights of connections (Affine, Linear, Scale, Flatten, Delay, Conv1d, Conv2d, SumPool2d, AvgPool2d).
/// </summary>
public static class NirPrimitives
{
    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Fields = new(StringComparer.Ordinal)
    {
        ["Input"] = (["shape"], []),
        ["Output"] = (["shape"], []),
        [NirFlatGraph.Identity] = (["shape"], []),
        ["Affine"] = (["weight", "bias"], []),
        ["Linear"] = (["weight"], []),
        ["Scale"] = (["scale"], []),
        ["Threshold"] = (["threshold"], []),
        ["Flatten"] = (["start_dim", "end_dim"], ["input_type"]),
        ["Delay"] = (["delay"], []),
        ["Conv1d"] = (["weight", "stride", "padding", "dilation", "groups", "bias"], ["input_shape"]),
        ["Conv2d"] = (["weight", "stride", "padding", "dilation", "groups", "bias"], ["input_shape"]),
        ["SumPool2d"] = (["kernel_size", "stride", "padding"], []),
        ["AvgPool2d"] = (["kernel_size", "stride", "padding"], []),
        ["LI"] = (["tau", "r", "v_leak"], []),
        ["I"] = (["r"], []),
        ["Integrator"] = (["r"], []),
        ["IF"] = (["r", "v_threshold"], ["v_reset"]),
        ["LIF"] = (["tau", "r", "v_leak", "v_threshold"], ["v_reset"]),
        ["CubaLI"] = (["tau_syn", "tau_mem", "r", "v_leak"], ["w_in"]),
        ["CubaLIF"] = (["tau_syn", "tau_mem", "r", "v_leak", "v_threshold"], ["v_reset", "w_in"]),
    };

    /// <summary>Every primitive type name EventSpike reads (NIRGraph aside).</summary>
    public static IReadOnlyList<string> Types => Fields.Keys.Where(k => k != NirFlatGraph.Identity).Order(StringComparer.Ordinal).ToList();

    public static bool IsNeuron(string type) => type is "LIF" or "CubaLIF" or "IF" or "LI" or "CubaLI" or "I" or "Integrator";

    /// <summary>Types that become EventSpike layers (the graph's own Input and Output included).</summary>
    public static bool IsLayer(string type) => IsNeuron(type) || type is "Threshold" or "Input" or "Output";

    /// <summary>Checks that a node's type is known and its fields are there and numeric where they must be; the messages name node and field.</summary>
    public static void Check(string name, NirNode node, string where)
    {
        if (!Fields.TryGetValue(node.Type, out var spec))
            throw new NirFormatException($"{where}: node '{name}': unknown NIR primitive '{node.Type}'; known: {string.Join(", ", Types)}, NIRGraph");
        foreach (var f in spec.Required)
            if (node.Field(f) is null) throw new NirFormatException($"{where}: node '{name}' ({node.Type}): missing field '{f}'");
        foreach (var (f, value) in node.Fields)
        {
            if (value.IsText && !(f == "padding" && node.Type.StartsWith("Conv", StringComparison.Ordinal)))
                throw new NirFormatException($"{where}: node '{name}' ({node.Type}): field '{f}' must hold numbers, found the text '{value.Text}'");
            if (!value.IsText && value.Data.Any(x => !double.IsFinite(x)) && f != "v_threshold")
                throw new NirFormatException($"{where}: node '{name}' ({node.Type}): field '{f}' holds a value that is not finite");
        }
    }

    /// <summary>The field's values as whole numbers (shape, stride, …).</summary>
    public static int[] Ints(string name, NirNode node, string field, string where)
    {
        var f = node.Field(field) ?? throw new NirFormatException($"{where}: node '{name}' ({node.Type}): missing field '{field}'");
        if (f.IsText || f.Data.Any(x => x != Math.Floor(x) || Math.Abs(x) > int.MaxValue))
            throw new NirFormatException($"{where}: node '{name}' ({node.Type}): field '{field}' must hold whole numbers");
        return f.Data.Select(x => (int)x).ToArray();
    }
}
