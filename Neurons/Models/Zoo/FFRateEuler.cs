using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's <c>FFRateEuler</c>: feed-forward rate neurons.
///   τ dx/dt = −x + g⊙(I(t)·W) + σζ(t);   output o = H(x + b)
/// Integration: forward Euler as Rockpool, α = dt/τ (the doc's τ/dt is wrong, digest §12.2):
///   x_{k+1} = x_k + α⊙(−x_k + g⊙(I_k·W) + ξ_k),  ξ_k ~ N(0, σ²·2/α)
/// The output of step k (time (k+1)·dt) is H(x_{k+1} + b). H is <c>activation_func</c> by name
/// (default relu). State: <c>x</c>, initially 0.
/// </summary>
public sealed class FFRateEuler : ZooLayer
{
    private readonly DenseMatrix _w;
    private readonly Func<double, double> _h;
    private readonly double[] _alpha;
    private readonly double[] _noiseScale;
    private readonly double[] _drive;

    public FFRateEuler(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        _w = RequiredMatrix(p, "weights");
        ResolveSize(_w.Cols, "weights");
        Ports = [new InputPort("input", PortKind.Current, _w.Rows)];
        NoiseStd = NonNegative(p.Scalar("noise_std", 0.0), "noise_std");
        (ActivationName, _h) = RateActivation.Read(p, "relu");
        Tau = Positive(p.PerNeuron("tau", 10.0, Size), "tau");
        Gain = p.PerNeuron("gain", 1.0, Size);
        Bias = p.PerNeuron("bias", 0.0, Size);
        _alpha = Tau.Select(t => dt / t).ToArray();
        _noiseScale = _alpha.Select(a => NoiseStd * Math.Sqrt(2.0 / a)).ToArray();
        _drive = new double[Size];
        X = AddState("x", Size);
        AllocateOutput(Size);
        Noise = new BlockNoise(Size, streams);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public override SignalKind OutputKind => SignalKind.Continuous;
    public double NoiseStd { get; }
    public string ActivationName { get; }
    public double[] Tau { get; }
    public double[] Gain { get; }
    public double[] Bias { get; }
    public double[] X { get; }

    public override void ResetState()
    {
        Array.Clear(X);
        for (var j = 0; j < Size; j++) OutputValues[j] = _h(Bias[j]);
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        _w.VecMat(portInput[0], _drive);
        for (var j = 0; j < Size; j++)
        {
            var xi = NoiseStd > 0 ? _noiseScale[j] * Noise!.Gaussian(j) : 0.0;
            X[j] += _alpha[j] * (-X[j] + Gain[j] * _drive[j] + xi);
            OutputValues[j] = _h(X[j] + Bias[j]);
        }
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["weights"] = _w.ToJson();
        d["noise_std"] = NoiseStd;
        d["activation_func"] = ActivationName;
        d["tau"] = ModelDict.PerNeuron(Tau);
        d["gain"] = ModelDict.PerNeuron(Gain);
        d["bias"] = ModelDict.PerNeuron(Bias);
        return d;
    }
}
