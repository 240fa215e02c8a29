using System.Text.Json.Nodes;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// KerasSpiking's <c>Alpha</c> filter, one per unit: h(t) = (t/τ²)·e^(−t/τ), H(s) = 1/(τs + 1)².
/// State x = [p, y] (p the derivative of the output y); continuous system
/// A_c = [[−2/τ, −1/τ²], [1, 0]], B_c = [1/τ², 0]ᵀ. Discretisation: zero-order hold, exact for an
/// input held over each step; with τ' = max(τ, 1e-8), k = dt/τ', e = e^(−k):
///   A = e·[[1 − k, −k/τ'], [dt, 1 + k]],   B = [e·k/τ', 1 − e·(1 + k)]ᵀ
///   x_k = A·x_{k−1} + B·u_k;   output y_k = x_k[1]
/// Initially p = 0 and y = initial_level (so with no input y decays from it). States: <c>p</c>, <c>y</c>.
/// </summary>
public sealed class Alpha : ZooLayer
{
    private readonly double[] _a00, _a01, _a10, _a11, _b0, _b1;

    public Alpha(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        var n = RequireSize();
        Ports = [new InputPort("input", PortKind.Current, n)];
        Tau = FilterParameters.Tau(p, n);
        InitialLevel = p.PerNeuron("initial_level", 0.0, n);
        ApplyDuringTraining = p.Bool("apply_during_training", true);
        _a00 = new double[n]; _a01 = new double[n]; _a10 = new double[n]; _a11 = new double[n];
        _b0 = new double[n]; _b1 = new double[n];
        for (var j = 0; j < n; j++)
        {
            var tau = Math.Max(Tau[j], 1e-8);
            var k = dt / tau;
            var e = Math.Exp(-k);
            _a00[j] = e * (1 - k);
            _a01[j] = -e * k / tau;
            _a10[j] = e * dt;
            _a11[j] = e * (1 + k);
            _b0[j] = e * k / tau;
            _b1[j] = 1 - e * (1 + k);
        }
        P = AddState("p", n);
        Y = AddState("y", n);
        AllocateOutput(n);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public override SignalKind OutputKind => SignalKind.Continuous;
    public double[] Tau { get; }
    public double[] InitialLevel { get; }
    public bool ApplyDuringTraining { get; }
    public double[] P { get; }
    public double[] Y { get; }

    public override void ResetState()
    {
        Array.Clear(P);
        Array.Copy(InitialLevel, Y, Size);
        Array.Copy(InitialLevel, OutputValues, Size);
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        var u = portInput[0];
        for (var j = 0; j < Size; j++)
        {
            var p = _a00[j] * P[j] + _a01[j] * Y[j] + _b0[j] * u[j];
            var y = _a10[j] * P[j] + _a11[j] * Y[j] + _b1[j] * u[j];
            P[j] = p;
            Y[j] = y;
            OutputValues[j] = y;
        }
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["tau"] = ModelDict.PerNeuron(Tau);
        d["initial_level"] = ModelDict.PerNeuron(InitialLevel);
        d["apply_during_training"] = ApplyDuringTraining;
        return d;
    }
}
