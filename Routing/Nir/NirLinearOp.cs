using EventSpike.Neurons.Kernels;

namespace EventSpike.Routing.Nir;

/// <summary>
/// What a linear NIR node does to the vector it receives, as a sparse map: input value i adds
/// w·x_i to output k after a delay (seconds) for each (k, w, delay) in <see cref="Rows"/>[i], and
/// <see cref="Bias"/> (null: none) is added to the output. Built for Affine, Linear, Scale, Flatten
/// and the pass-through nodes of subgraphs, Delay, Conv1d, Conv2d, SumPool2d and AvgPool2d; indices
/// run over the node's shapes in row-major (C-contiguous) order, as the NIR arrays are stored.
/// </summary>
public sealed class NirLinearOp
{
    private NirLinearOp(int inSize, int outSize)
    {
        InSize = inSize;
        OutSize = outSize;
        Rows = new List<(int Out, double Weight, double Delay)>[inSize];
        for (var i = 0; i < inSize; i++) Rows[i] = new();
    }

    public int InSize { get; }
    public int OutSize { get; }
    public List<(int Out, double Weight, double Delay)>[] Rows { get; }
    public double[]? Bias { get; private set; }

    /// <summary>The convolution or pooling this node is, as a kernel stage (null for other nodes).</summary>
    public ConvStage? Stage { get; private set; }

    /// <summary>True for a node that passes its input on unchanged (Flatten, a subgraph's Input/Output).</summary>
    public bool IsIdentity { get; private set; }

    public static NirLinearOp Of(string name, NirNode node, NirShapes shapes)
    {
        var (inSize, outSize) = (NirShapes.Size(shapes.InputShape(name)), NirShapes.Size(shapes.OutputShape(name)));
        var op = new NirLinearOp(inSize, outSize);
        switch (node.Type)
        {
            case "Affine" or "Linear":
                var w = node.Field("weight")!;
                for (var k = 0; k < outSize; k++)
                    for (var i = 0; i < inSize; i++)
                        if (w.Data[k * inSize + i] is var x && x != 0) op.Rows[i].Add((k, x, 0));
                if (node.Type == "Affine") op.Bias = Broadcast(node.Field("bias")!, outSize);
                break;
            case "Scale":
                var s = Broadcast(node.Field("scale")!, outSize);
                for (var i = 0; i < inSize; i++) op.Rows[i].Add((i, s[i], 0));
                break;
            case "Delay":
                var d = Broadcast(node.Field("delay")!, outSize);
                for (var i = 0; i < inSize; i++) op.Rows[i].Add((i, 1, d[i]));
                break;
            case "Conv1d" or "Conv2d":
                var cg = shapes.Geometry(name);
                op.Convolve(cg, node.Field("weight")!.Data, 1);
                op.Stage = new ConvStage(ConvKind.Conv, cg.InChannels, cg.OutChannels, cg.In, cg.Kernel, cg.Stride, cg.Padding, cg.Dilation, cg.Groups, node.Field("weight")!.Data);
                var bias = Broadcast(node.Field("bias")!, shapes.Geometry(name).OutChannels);
                var per = outSize / bias.Length;
                op.Bias = Enumerable.Range(0, outSize).Select(k => bias[k / per]).ToArray();
                break;
            case "SumPool2d" or "AvgPool2d":
                var g = shapes.Geometry(name);
                op.Convolve(g, null, node.Type == "SumPool2d" ? 1 : 1.0 / (g.Kernel[0] * g.Kernel[1]));
                op.Stage = new ConvStage(node.Type == "SumPool2d" ? ConvKind.SumPool : ConvKind.AvgPool, g.InChannels, g.OutChannels, g.In, g.Kernel, g.Stride, g.Padding, g.Dilation, g.Groups, null);
                break;
            default: // Flatten and the pass-through Input/Output of a subgraph
                op.IsIdentity = true;
                for (var i = 0; i < inSize; i++) op.Rows[i].Add((i, 1, 0));
                break;
        }
        return op;
    }

    private static double[] Broadcast(NirField f, int size) => f.Count == size ? f.Data : Enumerable.Repeat(f.Data[0], size).ToArray();

    /// <summary>
    /// A grouped convolution (weights [C_out][C_in/groups][kernel…]), or with <paramref name="weights"/> null a
    /// pooling that adds each window channel by channel with weight <paramref name="scale"/> (padding counts as zeros).
    /// </summary>
    private void Convolve(NirConvGeometry g, double[]? weights, double scale)
    {
        var dims = g.In.Length;
        var (h, w) = dims == 2 ? (g.In[0], g.In[1]) : (1, g.In[0]);
        var (ho, wo) = dims == 2 ? (g.Out[0], g.Out[1]) : (1, g.Out[0]);
        var (kh, kw) = dims == 2 ? (g.Kernel[0], g.Kernel[1]) : (1, g.Kernel[0]);
        var (sh, sw) = dims == 2 ? (g.Stride[0], g.Stride[1]) : (1, g.Stride[0]);
        var (ph, pw) = dims == 2 ? (g.Padding[0], g.Padding[1]) : (0, g.Padding[0]);
        var (dh, dw) = dims == 2 ? (g.Dilation[0], g.Dilation[1]) : (1, g.Dilation[0]);
        var inPerGroup = g.InChannels / g.Groups;
        var outPerGroup = g.OutChannels / g.Groups;
        for (var co = 0; co < g.OutChannels; co++)
        {
            var group = co / outPerGroup;
            var channels = weights is null ? 1 : inPerGroup;
            for (var c = 0; c < channels; c++)
            {
                var ci = weights is null ? co : group * inPerGroup + c;
                for (var y = 0; y < ho; y++)
                    for (var x = 0; x < wo; x++)
                        for (var ky = 0; ky < kh; ky++)
                            for (var kx = 0; kx < kw; kx++)
                            {
                                var (iy, ix) = (y * sh - ph + ky * dh, x * sw - pw + kx * dw);
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                var weight = weights is null ? scale : weights[((co * inPerGroup + c) * kh + ky) * kw + kx];
                                if (weight != 0) Rows[(ci * h + iy) * w + ix].Add(((co * ho + y) * wo + x, weight, 0));
                            }
            }
        }
    }
}
