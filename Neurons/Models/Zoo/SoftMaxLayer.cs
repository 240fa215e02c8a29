using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's <c>SoftMaxLayer</c>, as its intent reads (digest §5.2, §12.6): input spikes are
/// integrated through W without leak or spiking, V_k = V_{k−1} + S_in,k·W, and the output is the
/// softmax of the integrated input, out_k = softmax(V_k), a continuous signal (Rockpool returns a
/// TSContinuous while declaring TSEvent). <c>thresh</c> is stored and unused, as in Rockpool.
/// State: <c>v_mem</c>, initially 0.
/// </summary>
public sealed class SoftMaxLayer : ZooLayer
{
    private readonly DenseMatrix _w;

    public SoftMaxLayer(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        _w = RequiredMatrix(p, "weights");
        ResolveSize(_w.Cols, "weights");
        Ports = [new InputPort("input", PortKind.Spikes, _w.Rows)];
        Thresh = p.Scalar("thresh", 1e10);
        VMem = AddState("v_mem", Size);
        AllocateOutput(Size);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public override SignalKind OutputKind => SignalKind.Continuous;
    public double Thresh { get; }
    public double[] VMem { get; }

    public override void ResetState()
    {
        Array.Clear(VMem);
        Array.Fill(OutputValues, 1.0 / Size);
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        _w.AccumulateVecMat(portInput[0], VMem);
        var max = VMem.Max();
        var sum = 0.0;
        for (var j = 0; j < Size; j++) sum += OutputValues[j] = Math.Exp(VMem[j] - max);
        for (var j = 0; j < Size; j++) OutputValues[j] /= sum;
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["weights"] = _w.ToJson();
        d["thresh"] = Thresh;
        return d;
    }
}
