using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's <c>RecRateEuler</c>: recurrent rate neurons; the input feeds the N neurons directly.
///   τ dx/dt = −x + H(x + b)·W + I(t) + σζ(t);   output a = H(x + b)
/// Integration: forward Euler as Rockpool:
///   a_k = H(x_k + b);  x_{k+1} = x_k + (dt/τ)⊙(−x_k + I_k + ξ_k + a_k·W),  ξ_k ~ N(0, σ²·2τ/dt)
/// The output of step k (time (k+1)·dt) is H(x_{k+1} + b). dt must be at most min(τ)/10, as
/// Rockpool asserts. State: <c>x</c>, initially 0.
/// </summary>
public sealed class RecRateEuler : ZooLayer
{
    private readonly DenseMatrix _w;
    private readonly Func<double, double> _h;
    private readonly double[] _alpha;
    private readonly double[] _noiseScale;
    private readonly double[] _act;
    private readonly double[] _rec;

    public RecRateEuler(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        _w = RequiredMatrix(p, "weights");
        if (_w.Rows != _w.Cols) throw new ModelParameterException("weights", $"'weights' must be square (N×N), got {_w.Rows}×{_w.Cols}");
        ResolveSize(_w.Cols, "weights");
        Ports = [new InputPort("input", PortKind.Current, Size)];
        Bias = p.PerNeuron("bias", 0.0, Size);
        Tau = Positive(p.PerNeuron("tau", 1.0, Size), "tau");
        (ActivationName, _h) = RateActivation.Read(p, "relu");
        NoiseStd = NonNegative(p.Scalar("noise_std", 0.0), "noise_std");
        if (dt > Tau.Min() / 10 * (1 + 1e-12))
            throw new ModelParameterException("dt", $"dt must be at most min(tau)/10 = {Tau.Min() / 10}, got {dt}");
        _alpha = Tau.Select(t => dt / t).ToArray();
        _noiseScale = Tau.Select(t => NoiseStd * Math.Sqrt(2.0 * t / dt)).ToArray();
        _act = new double[Size];
        _rec = new double[Size];
        X = AddState("x", Size);
        AllocateOutput(Size);
        Noise = new BlockNoise(Size, streams);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public override SignalKind OutputKind => SignalKind.Continuous;
    public double[] Bias { get; }
    public double[] Tau { get; }
    public string ActivationName { get; }
    public double NoiseStd { get; }
    public double[] X { get; }

    public override void ResetState()
    {
        Array.Clear(X);
        for (var j = 0; j < Size; j++) OutputValues[j] = _h(Bias[j]);
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        var input = portInput[0];
        for (var j = 0; j < Size; j++) _act[j] = _h(X[j] + Bias[j]);
        _w.VecMat(_act, _rec);
        for (var j = 0; j < Size; j++)
        {
            var xi = NoiseStd > 0 ? _noiseScale[j] * Noise!.Gaussian(j) : 0.0;
            X[j] += _alpha[j] * (-X[j] + input[j] + xi + _rec[j]);
            OutputValues[j] = _h(X[j] + Bias[j]);
        }
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["weights"] = _w.ToJson();
        d["bias"] = ModelDict.PerNeuron(Bias);
        d["tau"] = ModelDict.PerNeuron(Tau);
        d["activation_func"] = ActivationName;
        d["noise_std"] = NoiseStd;
        return d;
    }
}
