using System.Text.Json.Nodes;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// PyTorchSpiking's <c>TemporalAvgPool</c> (mean over the time axis), streamed: the output of step
/// k is the mean of the inputs of steps 0..k since the last reset, so the last step of a run gives
/// the whole run's mean, which is what the library returns for the sequence. Only the time axis
/// (<c>dim</c> = 1) is meaningful on a stream. States: <c>sum</c>, <c>count</c>.
/// </summary>
public sealed class TemporalAvgPool : ZooLayer
{
    private readonly double[] _count;

    public TemporalAvgPool(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        var n = RequireSize();
        Dim = p.Integer("dim", 1);
        if (Dim != 1) throw new ModelParameterException("dim", $"only the time axis (dim = 1) can be pooled on a stream, got {Dim}");
        Ports = [new InputPort("input", PortKind.Current, n)];
        Sum = AddState("sum", n);
        _count = AddState("count", 1);
        AllocateOutput(n);
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public override SignalKind OutputKind => SignalKind.Continuous;
    public int Dim { get; }
    public double[] Sum { get; }

    public override void ResetState()
    {
        Array.Clear(Sum);
        _count[0] = 0;
        Array.Clear(OutputValues);
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        var x = portInput[0];
        _count[0]++;
        for (var j = 0; j < Size; j++)
        {
            Sum[j] += x[j];
            OutputValues[j] = Sum[j] / _count[0];
        }
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["dim"] = Dim;
        return d;
    }
}
