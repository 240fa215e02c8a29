using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's JAX rate reservoirs: <c>RecRateEulerJax</c> (w_in M×N, w_recurrent N×N, w_out N×O)
/// and <c>ForceRateEulerJax</c> (no recurrence; a forcing signal F of N channels on a second port
/// "force" takes its place). Forward dynamics only (no training).
///   τ dx/dt = −x + I(t)·W_in + b + σζ(t) + H(x)·W_rec   (Force: + F(t) instead of H(x)·W_rec)
///   output O = H(x)·W_out
/// Integration: forward Euler as Rockpool:
///   x_{k+1} = x_k + (dt/τ)⊙(−x_k + I_k·W_in + b + ξ_k + H(x_k)·W_rec),  ξ_k ~ N(0, σ²)
/// The output of step k (time (k+1)·dt) is H(x_{k+1})·W_out. H is activation_func: H_ReLU
/// (default) or H_tanh. State: <c>x</c>, initially 0. <c>rng_key</c> is kept for to_dict only.
/// </summary>
public sealed class RecRateEulerJax : ZooLayer
{
    private readonly DenseMatrix _wIn;
    private readonly DenseMatrix? _wRec;
    private readonly DenseMatrix _wOut;
    private readonly Func<double, double> _h;
    private readonly double[] _alpha;
    private readonly double[] _drive;
    private readonly double[] _act;
    private readonly int _neurons;

    public RecRateEulerJax(string className, bool force, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        IsForce = force;
        _wIn = RequiredMatrix(p, "w_in");
        _neurons = _wIn.Cols;
        if (!force)
        {
            _wRec = RequiredMatrix(p, "w_recurrent");
            if (_wRec.Rows != _neurons || _wRec.Cols != _neurons)
                throw new ModelParameterException("w_recurrent", $"'w_recurrent' must be {_neurons}×{_neurons}, got {_wRec.Rows}×{_wRec.Cols}");
        }
        _wOut = RequiredMatrix(p, "w_out");
        if (_wOut.Rows != _neurons) throw new ModelParameterException("w_out", $"'w_out' must have {_neurons} rows, got {_wOut.Rows}");
        ResolveSize(_wOut.Cols, "w_out");
        Ports = force
            ? [new InputPort("input", PortKind.Current, _wIn.Rows), new InputPort("force", PortKind.Current, _neurons)]
            : [new InputPort("input", PortKind.Current, _wIn.Rows)];
        if (!p.Has("tau")) throw new ModelParameterException("tau", "'tau' is required");
        if (!p.Has("bias")) throw new ModelParameterException("bias", "'bias' is required");
        Tau = Positive(p.PerNeuron("tau", 0, _neurons), "tau");
        Bias = p.PerNeuron("bias", 0, _neurons);
        NoiseStd = NonNegative(p.Scalar("noise_std", 0.0), "noise_std");
        (ActivationName, _h) = RateActivation.Read(p, "H_ReLU");
        RngKey = p.List("rng_key");
        _alpha = Tau.Select(t => dt / t).ToArray();
        _drive = new double[_neurons];
        _act = new double[_neurons];
        X = AddState("x", _neurons);
        AllocateOutput(Size);
        Noise = new BlockNoise(_neurons, streams);
        ResetState();
    }

    public bool IsForce { get; }
    public override IReadOnlyList<InputPort> Ports { get; }
    public override SignalKind OutputKind => SignalKind.Continuous;
    public double[] Tau { get; }
    public double[] Bias { get; }
    public double NoiseStd { get; }
    public string ActivationName { get; }
    public double[]? RngKey { get; }
    public double[] X { get; }

    public override void ResetState()
    {
        Array.Clear(X);
        Array.Clear(OutputValues);
        for (var j = 0; j < _neurons; j++) _act[j] = _h(0);
        _wOut.VecMat(_act, OutputValues);
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        _wIn.VecMat(portInput[0], _drive);
        if (_wRec is not null)
        {
            for (var j = 0; j < _neurons; j++) _act[j] = _h(X[j]);
            _wRec.AccumulateVecMat(_act, _drive);
        }
        else
        {
            var f = portInput[1];
            for (var j = 0; j < _neurons; j++) _drive[j] += f[j];
        }
        for (var j = 0; j < _neurons; j++)
        {
            var xi = NoiseStd > 0 ? NoiseStd * Noise!.Gaussian(j) : 0.0;
            X[j] += _alpha[j] * (-X[j] + _drive[j] + Bias[j] + xi);
            _act[j] = _h(X[j]);
        }
        _wOut.VecMat(_act, OutputValues);
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["w_in"] = _wIn.ToJson();
        if (_wRec is not null) d["w_recurrent"] = _wRec.ToJson();
        d["w_out"] = _wOut.ToJson();
        d["tau"] = ModelDict.PerNeuron(Tau);
        d["bias"] = ModelDict.PerNeuron(Bias);
        d["noise_std"] = NoiseStd;
        d["activation_func"] = ActivationName;
        if (RngKey is not null) d["rng_key"] = ModelDict.List(RngKey);
        return d;
    }
}
