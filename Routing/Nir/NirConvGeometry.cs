namespace EventSpike.Routing.Nir;

/// <summary>
/// The geometry of a NIR convolution or pooling over 1 or 2 spatial dimensions: channels in and out,
/// input and output extents, kernel, stride, padding and dilation per dimension, and groups.
/// Output extent: ⌊(N + 2·p − d·(k − 1) − 1)/s⌋ + 1 (PyTorch's rule, which NIR follows).
/// </summary>
public sealed record NirConvGeometry(int InChannels, int OutChannels, int[] In, int[] Out, int[] Kernel, int[] Stride, int[] Padding, int[] Dilation, int Groups)
{
    public int[] InShape => [InChannels, .. In];
    public int[] OutShape => [OutChannels, .. Out];

    /// <summary>A convolution's geometry from its fields and its input's spatial extent.</summary>
    public static NirConvGeometry Conv(string name, NirNode node, int[] spatial, string where)
    {
        var dims = spatial.Length;
        var weight = node.Field("weight")!;
        if (weight.Shape.Length != dims + 2)
            throw Error(name, node, "weight", $"must be {dims + 2}-dimensional (C_out, C_in/groups, kernel…), found {weight.ShapeText}", where);
        var groups = NirPrimitives.Ints(name, node, "groups", where) is [var g] && g >= 1 ? g : throw Error(name, node, "groups", "must be one whole number ≥ 1", where);
        var (cout, cinPerGroup) = (weight.Shape[0], weight.Shape[1]);
        if (cout % groups != 0) throw Error(name, node, "groups", $"{groups} groups do not divide {cout} output channels", where);
        var kernel = weight.Shape[2..];
        var stride = PerDim(name, node, "stride", dims, where);
        var dilation = PerDim(name, node, "dilation", dims, where);
        var padding = node.Field("padding")!.IsText ? TextPadding(name, node, kernel, dilation, where) : PerDim(name, node, "padding", dims, where, allowZero: true);
        var bias = node.Field("bias")!;
        if (bias.Count != cout && bias.Count != 1) throw Error(name, node, "bias", $"has {bias.Count} values for {cout} output channels", where);
        return Make(name, node, cinPerGroup * groups, cout, spatial, kernel, stride, padding, dilation, groups, where);
    }

    /// <summary>A pooling's geometry (channels unchanged) from its fields and its input shape [C, H, W].</summary>
    public static NirConvGeometry Pool(string name, NirNode node, int[] input, string where)
    {
        if (input.Length != 3) throw Error(name, node, "input", $"a 2-d pooling needs a [C, H, W] input, its input is [{string.Join(", ", input)}]", where);
        var kernel = PerDim(name, node, "kernel_size", 2, where);
        var stride = PerDim(name, node, "stride", 2, where);
        var padding = PerDim(name, node, "padding", 2, where, allowZero: true);
        return Make(name, node, input[0], input[0], input[1..], kernel, stride, padding, [1, 1], input[0], where);
    }

    private static NirConvGeometry Make(string name, NirNode node, int cin, int cout, int[] spatial, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, string where)
    {
        var output = new int[spatial.Length];
        for (var d = 0; d < spatial.Length; d++)
        {
            output[d] = (spatial[d] + 2 * padding[d] - dilation[d] * (kernel[d] - 1) - 1) / stride[d] + 1;
            if (output[d] < 1 || kernel[d] < 1)
                throw Error(name, node, "kernel", $"a kernel of {kernel[d]} over an input of {spatial[d]} (padding {padding[d]}) leaves no output", where);
        }
        return new NirConvGeometry(cin, cout, spatial, output, kernel, stride, padding, dilation, groups);
    }

    private static int[] PerDim(string name, NirNode node, string field, int dims, string where, bool allowZero = false)
    {
        var v = NirPrimitives.Ints(name, node, field, where);
        if (v.Length == 1) v = Enumerable.Repeat(v[0], dims).ToArray();
        if (v.Length != dims || v.Any(x => x < (allowZero ? 0 : 1) || x > 1 << 16))
            throw Error(name, node, field, $"must be {(allowZero ? "≥ 0" : "≥ 1")}, one value or {dims}, found [{string.Join(", ", v)}]", where);
        return v;
    }

    private static int[] TextPadding(string name, NirNode node, int[] kernel, int[] dilation, string where) => node.Field("padding")!.Text switch
    {
        "valid" => new int[kernel.Length],
        "same" => kernel.Select((k, d) => dilation[d] * (k - 1) / 2).ToArray(),
        var t => throw Error(name, node, "padding", $"must be a number, 'same' or 'valid', found '{t}'", where),
    };

    private static NirFormatException Error(string name, NirNode node, string field, string what, string where) =>
        new($"{where}: node '{name}' ({node.Type}): field '{field}' {what}");
}
