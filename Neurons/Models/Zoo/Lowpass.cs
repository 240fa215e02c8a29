using System.Text.Json.Nodes;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// KerasSpiking/PyTorchSpiking's <c>Lowpass</c> filter, one per unit: h(t) = e^(−t/τ)/τ,
/// H(s) = 1/(τs + 1). Discretisation: zero-order hold (exact for an input held over each step),
/// as KerasSpiking 0.3:
///   a = e^(−dt/max(τ, 1e-8));   y_k = (1 − a)·u_k + a·y_{k−1};   y_{−1} = initial_level
/// The output of step k is y_k (no one-step delay). τ may be 0 (a = 0, identity); negative τ is
/// refused. <c>apply_during_training</c> only matters for training: kept for to_dict.
/// State: <c>y</c>.
/// </summary>
public sealed class Lowpass : ZooLayer
{
    private readonly double[] _a;

    public Lowpass(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        var n = RequireSize();
        Ports = [new InputPort("input", PortKind.Current, n)];
        Tau = FilterParameters.Tau(p, n);
        InitialLevel = p.PerNeuron("initial_level", 0.0, n);
        ApplyDuringTraining = p.Bool("apply_during_training", true);
        _a = Tau.Select(t => Math.Exp(-dt / Math.Max(t, 1e-8))).ToArray();
        Y = AddState("y", n);
        AllocateOutput(n);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public override SignalKind OutputKind => SignalKind.Continuous;
    public double[] Tau { get; }
    public double[] InitialLevel { get; }
    public bool ApplyDuringTraining { get; }
    public double[] Y { get; }

    public override void ResetState()
    {
        Array.Copy(InitialLevel, Y, Size);
        Array.Copy(InitialLevel, OutputValues, Size);
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        var u = portInput[0];
        for (var j = 0; j < Size; j++)
        {
            Y[j] = (1 - _a[j]) * u[j] + _a[j] * Y[j];
            OutputValues[j] = Y[j];
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
