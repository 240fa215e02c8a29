using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's <c>PassThrough</c>: a weighted, biased, optionally noisy copy of a continuous input,
/// delayed by D = round(delay/dt) steps.
///   y_k = x_k·W + b + σ·ξ_k  (σ per step, unscaled);  out_k = y_{k−D}, 0 for k &lt; D (empty buffer)
/// State: the buffer of the last D values (state name <c>buffer</c>, D·N values, oldest first).
/// </summary>
public sealed class PassThrough : ZooLayer
{
    private readonly DenseMatrix _w;
    private readonly double[] _y;

    public PassThrough(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        _w = RequiredMatrix(p, "weights");
        ResolveSize(_w.Cols, "weights");
        Ports = [new InputPort("input", PortKind.Current, _w.Rows)];
        Bias = p.PerNeuron("bias", 0.0, Size);
        NoiseStd = NonNegative(p.Scalar("noise_std", 0.0), "noise_std");
        Delay = NonNegative(p.Scalar("delay", 0.0), "delay");
        DelaySteps = (int)Math.Round(Delay / dt);
        Buffer = AddState("buffer", DelaySteps * Size);
        _y = new double[Size];
        AllocateOutput(Size);
        Noise = new BlockNoise(Size, streams);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public override SignalKind OutputKind => SignalKind.Continuous;
    public double[] Bias { get; }
    public double NoiseStd { get; }
    public double Delay { get; }
    public int DelaySteps { get; }

    /// <summary>The D pending values, oldest first.</summary>
    public double[] Buffer { get; }

    public override void ResetState()
    {
        Array.Clear(Buffer);
        Array.Clear(OutputValues);
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        _w.VecMat(portInput[0], _y);
        for (var j = 0; j < Size; j++)
        {
            _y[j] += Bias[j];
            if (NoiseStd > 0) _y[j] += NoiseStd * Noise!.Gaussian(j);
        }
        if (DelaySteps == 0)
        {
            Array.Copy(_y, OutputValues, Size);
            return;
        }
        // Oldest first: emit slot 0, shift, append the new value.
        Buffer.AsSpan(0, Size).CopyTo(OutputValues);
        Buffer.AsSpan(Size).CopyTo(Buffer);
        _y.CopyTo(Buffer.AsSpan((DelaySteps - 1) * Size, Size));
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["weights"] = _w.ToJson();
        d["bias"] = ModelDict.PerNeuron(Bias);
        d["noise_std"] = NoiseStd;
        d["delay"] = Delay;
        return d;
    }
}
