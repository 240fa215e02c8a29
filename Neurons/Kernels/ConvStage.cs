using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;

namespace EventSpike.Neurons.Kernels;

/// <summary>What a <see cref="ConvStage"/> computes.</summary>
public enum ConvKind
{
    /// <summary>A grouped cross-correlation with a kernel [C_out][C_in/groups][k…] (PyTorch's and NIR's Conv1d/Conv2d).</summary>
    Conv,

    /// <summary>Each channel's window summed (NIR SumPool2d): a kernel of ones, one group per channel.</summary>
    SumPool,

    /// <summary>Each channel's window averaged (NIR AvgPool2d): a kernel of 1/(k_h·k_w); padding counts as zeros.</summary>
    AvgPool,
}

/// <summary>
/// One convolution or pooling over 1 or 2 spatial dimensions as a linear map from an input
/// [C_in, H, W] (1-d: H = 1) to an output [C_out, H_out, W_out], both flattened row-major:
///   y[co, y, x] = Σ_{c, ky, kx} w[co, c, ky, kx] · x[g·C_in/groups + c, y·s_h − p_h + ky·d_h, x·s_w − p_w + kx·d_w]
/// (positions outside the input are zeros), H_out = ⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1, PyTorch's rule.
/// It runs event-driven: an input value v at (ci, iy, ix) adds v·w to every output it reaches
/// (<see cref="Scatter"/>), the kernel's weights rounded to float32 as a synapse table keeps them, so
/// one input's contribution to each output is the same number a table row would add.
/// With stride and dilation 1 along x, the outputs one kernel row reaches are contiguous and are
/// added from a copy of the kernel mirrored along x, as one vector (TensorPrimitives) when the row is
/// 8 or more wide, else in a plain loop (a 3- or 5-tap row costs less than a vector call).
/// </summary>
public sealed class ConvStage
{
    private readonly double[] _mirrored; // float32-rounded weights [co][c][ky][kw − 1 − kx] (conv), or the one pooling weight

    public ConvStage(ConvKind kind, int inChannels, int outChannels, int[] spatial, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups,
        double[]? weights)
    {
        var dims = spatial.Length;
        if (dims is not (1 or 2)) throw new ArgumentException("a convolution has 1 or 2 spatial dimensions");
        if (kernel.Length != dims || stride.Length != dims || padding.Length != dims || dilation.Length != dims)
            throw new ArgumentException($"kernel, stride, padding and dilation need {dims} values each");
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"{groups} groups must divide {inChannels} input and {outChannels} output channels");
        if (kind != ConvKind.Conv && (inChannels != outChannels || groups != inChannels))
            throw new ArgumentException("a pooling keeps the channels, one group per channel");
        (Kind, InChannels, OutChannels, Groups, Dims) = (kind, inChannels, outChannels, groups, dims);
        (H, W) = dims == 2 ? (spatial[0], spatial[1]) : (1, spatial[0]);
        (KH, KW) = dims == 2 ? (kernel[0], kernel[1]) : (1, kernel[0]);
        (SH, SW) = dims == 2 ? (stride[0], stride[1]) : (1, stride[0]);
        (PH, PW) = dims == 2 ? (padding[0], padding[1]) : (0, padding[0]);
        (DH, DW) = dims == 2 ? (dilation[0], dilation[1]) : (1, dilation[0]);
        if (H < 1 || W < 1 || KH < 1 || KW < 1 || SH < 1 || SW < 1 || DH < 1 || DW < 1 || PH < 0 || PW < 0)
            throw new ArgumentException("extents, kernel, stride and dilation must be ≥ 1, padding ≥ 0");
        OutH = (H + 2 * PH - DH * (KH - 1) - 1) / SH + 1;
        OutW = (W + 2 * PW - DW * (KW - 1) - 1) / SW + 1;
        if (H + 2 * PH - DH * (KH - 1) - 1 < 0 || W + 2 * PW - DW * (KW - 1) - 1 < 0)
            throw new ArgumentException($"a kernel of {KH}×{KW} leaves no output of an input {H}×{W} padded by {PH}×{PW}");
        if (kind == ConvKind.Conv)
        {
            var count = outChannels * (inChannels / groups) * KH * KW;
            if (weights is null || weights.Length != count) throw new ArgumentException($"the kernel needs {count} weights, got {weights?.Length ?? 0}");
            Weights = weights;
            _mirrored = new double[count];
            for (var r = 0; r < count / KW; r++)
                for (var kx = 0; kx < KW; kx++) _mirrored[r * KW + KW - 1 - kx] = (float)weights[r * KW + kx];
        }
        else
        {
            var w = kind == ConvKind.SumPool ? 1.0 : 1.0 / (KH * KW);
            Weights = Enumerable.Repeat(w, outChannels * KH * KW).ToArray();
            _mirrored = [(float)w];
        }
    }

    public ConvKind Kind { get; }
    public int Dims { get; }
    public int InChannels { get; }
    public int OutChannels { get; }
    public int Groups { get; }
    public int H { get; }
    public int W { get; }
    public int OutH { get; }
    public int OutW { get; }
    public int KH { get; }
    public int KW { get; }
    public int SH { get; }
    public int SW { get; }
    public int PH { get; }
    public int PW { get; }
    public int DH { get; }
    public int DW { get; }

    /// <summary>The kernel as given, [C_out][C_in/groups][k_h][k_w] (a pooling: its one weight for every channel and position, [C][1][k_h][k_w]).</summary>
    public double[] Weights { get; }

    public int InSize => InChannels * H * W;
    public int OutSize => OutChannels * OutH * OutW;
    public int[] InShape => Dims == 2 ? [InChannels, H, W] : [InChannels, W];
    public int[] OutShape => Dims == 2 ? [OutChannels, OutH, OutW] : [OutChannels, OutW];

    /// <summary>Multiply–adds one input element costs at most (for the pool's work estimate).</summary>
    public int Fanout => (Kind == ConvKind.Conv ? OutChannels / Groups : 1) * KH * KW;

    /// <summary>The output channels input channel <paramref name="ci"/> reaches: [first, end).</summary>
    public (int First, int End) ChannelsOf(int ci) => Kind == ConvKind.Conv
        ? (ci / (InChannels / Groups) * (OutChannels / Groups), (ci / (InChannels / Groups) + 1) * (OutChannels / Groups))
        : (ci, ci + 1);

    /// <summary>
    /// output[o] += value · w for every output o that input <paramref name="input"/> reaches, restricted to output
    /// channels [<paramref name="coFrom"/>, <paramref name="coTo"/>). Each output gets exactly one term (w as float32,
    /// times value unless value is 1), the term a synapse table's row would add.
    /// </summary>
    public void Scatter(int input, double value, double[] output, int coFrom, int coTo)
    {
        var ci = input / (H * W);
        var iy = input / W % H;
        var ix = input % W;
        var (first, end) = ChannelsOf(ci);
        first = Math.Max(first, coFrom);
        end = Math.Min(end, coTo);
        var perGroup = InChannels / Groups;
        var c = ci % perGroup;
        // Along x with stride and dilation 1: x = ix + p − kx, so taps hi down to lo land on x0.. ascending, mirrored taps KW − 1 − hi.. ascending.
        var contiguous = SW == 1 && DW == 1 && Kind == ConvKind.Conv;
        var hi = Math.Min(KW - 1, ix + PW);
        var lo = Math.Max(0, ix + PW - OutW + 1);
        var (n, x0, k0) = (hi - lo + 1, ix + PW - hi, KW - 1 - hi);
        // Otherwise the taps along x that land on the output (x, mirrored tap), found once for every row.
        Span<int> taps = KW <= 64 ? stackalloc int[2 * KW] : new int[2 * KW];
        var count = 0;
        for (var kx = KW - 1; kx >= 0 && !contiguous; kx--)
        {
            var t = ix + PW - kx * DW;
            if (t < 0 || t % SW != 0 || t / SW >= OutW) continue;
            taps[2 * count] = t / SW;
            taps[2 * count++ + 1] = KW - 1 - kx;
        }
        for (var ky = 0; ky < KH; ky++)
        {
            var ty = iy + PH - ky * DH;
            if (ty < 0 || ty % SH != 0 || ty / SH >= OutH) continue;
            var y = ty / SH;
            if (!contiguous)
            {
                for (var co = first; co < end; co++)
                {
                    var o = (co * OutH + y) * OutW;
                    var k = Kind == ConvKind.Conv ? ((co * perGroup + c) * KH + ky) * KW : -1;
                    for (var j = 0; j < count; j++)
                    {
                        var w = k < 0 ? _mirrored[0] : _mirrored[k + taps[2 * j + 1]];
                        output[o + taps[2 * j]] += value == 1.0 ? w : w * value;
                    }
                }
                continue;
            }
            if (n <= 0 || first >= end) continue;
            AddRows(output, (first * OutH + y) * OutW + x0, OutH * OutW, ((first * perGroup + c) * KH + ky) * KW + k0, perGroup * KH * KW, end - first, n, value);
        }
    }

    /// <summary>
    /// For <paramref name="channels"/> output channels: output[o + j] += mirrored[k + j]·value, j &lt; n, with o and k
    /// advancing by their channel strides. Bounds are checked once here for the whole block.
    /// </summary>
    private void AddRows(double[] output, int o, int outStride, int k, int kernelStride, int channels, int n, double value)
    {
        if (o + (long)(channels - 1) * outStride + n > output.Length || k + (long)(channels - 1) * kernelStride + n > _mirrored.Length)
            throw new ArgumentException("the output row is shorter than the stage's output");
        ref var dst = ref MemoryMarshal.GetArrayDataReference(output);
        ref var src = ref MemoryMarshal.GetArrayDataReference(_mirrored);
        for (var ch = 0; ch < channels; ch++, o += outStride, k += kernelStride)
        {
            if (n >= 8)
            {
                var d = output.AsSpan(o, n);
                if (value == 1.0) TensorPrimitives.Add(d, _mirrored.AsSpan(k, n), d);
                else TensorPrimitives.MultiplyAdd(_mirrored.AsSpan(k, n), value, d, d);
            }
            else if (value == 1.0)
                for (var j = 0; j < n; j++) Unsafe.Add(ref dst, o + j) += Unsafe.Add(ref src, k + j);
            else
                for (var j = 0; j < n; j++) Unsafe.Add(ref dst, o + j) += Unsafe.Add(ref src, k + j) * value;
        }
    }

    /// <summary>The (output, weight) pairs of input <paramref name="input"/>, weights as given (double), in output order.</summary>
    public void Targets(int input, List<(int Output, double Weight)> into)
    {
        var ci = input / (H * W);
        var (iy, ix) = (input / W % H, input % W);
        var (first, end) = ChannelsOf(ci);
        var c = ci % (InChannels / Groups);
        for (var co = first; co < end; co++)
            for (var ky = KH - 1; ky >= 0; ky--) // y = (iy + p − ky·d)/s ascending
            {
                var ty = iy + PH - ky * DH;
                if (ty < 0 || ty % SH != 0 || ty / SH >= OutH) continue;
                for (var kx = KW - 1; kx >= 0; kx--)
                {
                    var tx = ix + PW - kx * DW;
                    if (tx < 0 || tx % SW != 0 || tx / SW >= OutW) continue;
                    var w = Kind == ConvKind.Conv ? Weights[((co * (InChannels / Groups) + c) * KH + ky) * KW + kx] : Weights[0];
                    if (w != 0) into.Add(((co * OutH + ty / SH) * OutW + tx / SW, w));
                }
            }
    }
}
