using EventSpike.Neurons.Kernels;

namespace EventSpike.Routing.Nir;

/// <summary>
/// A convolution connection (<see cref="ConvKernel"/>) as NIR nodes, one per stage: Conv1d/Conv2d (weight
/// [C_out, C_in/groups, k…], bias, stride, padding, dilation, groups, input_shape), SumPool2d and AvgPool2d
/// (kernel_size, stride, padding). The target layer's bias rides on the last stage when that is a
/// convolution and the bias is one value per output channel; otherwise (null) the connection is written as a matrix.
/// </summary>
internal static class NirKernelExport
{
    public static List<NirNode>? Nodes(ConvKernel kernel, double[]? bias)
    {
        var last = kernel.Stages[^1];
        double[]? channelBias = null;
        if (bias is not null)
        {
            if (last.Kind != ConvKind.Conv) return null;
            var per = last.OutH * last.OutW;
            channelBias = Enumerable.Range(0, last.OutChannels).Select(co => bias[co * per]).ToArray();
            for (var k = 0; k < bias.Length; k++)
                if (bias[k] != channelBias[k / per]) return null;
        }
        return kernel.Stages.Select((s, i) => Node(s, i == kernel.Stages.Count - 1 ? channelBias : null)).ToList();
    }

    private static NirNode Node(ConvStage s, double[]? bias)
    {
        NirField Pair(int a, int b) => s.Dims == 2 ? NirField.Integers(a, b) : NirField.Integers(b);
        if (s.Kind != ConvKind.Conv)
            return new NirNode(s.Kind == ConvKind.SumPool ? "SumPool2d" : "AvgPool2d", new Dictionary<string, NirField>
            {
                ["kernel_size"] = Pair(s.KH, s.KW),
                ["stride"] = Pair(s.SH, s.SW),
                ["padding"] = Pair(s.PH, s.PW),
            });
        int[] shape = s.Dims == 2 ? [s.OutChannels, s.InChannels / s.Groups, s.KH, s.KW] : [s.OutChannels, s.InChannels / s.Groups, s.KW];
        return new NirNode(s.Dims == 2 ? "Conv2d" : "Conv1d", new Dictionary<string, NirField>
        {
            ["weight"] = new(s.Weights, shape, NirFieldKind.Float64),
            ["bias"] = new(bias ?? new double[s.OutChannels], [s.OutChannels], NirFieldKind.Float64),
            ["stride"] = Pair(s.SH, s.SW),
            ["padding"] = Pair(s.PH, s.PW),
            ["dilation"] = Pair(s.DH, s.DW),
            ["groups"] = NirField.Scalar(s.Groups),
            ["input_shape"] = Pair(s.H, s.W),
        });
    }
}
