using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's <c>FFCLIAF</c>: clocked, feed-forward integrate-and-fire with a constant leak (a
/// negative <c>bias</c> added every step); no refractoriness. As in Rockpool 1.0.7 the state is cast to
/// float32 once, when the evolution starts (here: at construction and reset), and then computed in
/// float64 step after step (so 0.7 − 0.4 = 0.29999999999999993 stays below a threshold of 0.3, where
/// rounding to float32 every step would give 0.3000000119 and a spike). A network evolved in parts
/// (the C# Network API) is not cast again between parts.
/// Step k:
///   V ← V + S_in,k·W + b
///   with v_subtract: while V ≥ v_thresh: V ← V − v_subtract, one spike (several per step possible);
///   without (v_subtract null): V ≥ v_thresh → one spike, V ← v_reset.
/// Spikes of step k are stamped (k+1)·dt. State: <c>v_mem</c>, initially v_reset (Rockpool: 0 =
/// the default v_reset). <c>monitor_id</c> is kept for to_dict only (recording is the runtime's job).
/// </summary>
public sealed class FFCLIAF : ZooLayer
{
    private readonly DenseMatrix _w;
    private readonly double[] _u;

    public FFCLIAF(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        _w = RequiredMatrix(p, "weights");
        ResolveSize(_w.Cols, "weights");
        Ports = [new InputPort("input", PortKind.Spikes, _w.Rows)];
        Bias = NotNull(p, "bias", 0.0, Size);
        VThresh = NotNull(p, "v_thresh", 8.0, Size);
        VReset = NotNull(p, "v_reset", 0.0, Size);
        VSubtract = p.PerNeuronOrNull("v_subtract", 8.0, Size);
        if (VSubtract is not null && VSubtract.Any(x => !(x > 0)))
            throw new ModelParameterException("v_subtract", "'v_subtract' must be > 0 (or null to reset instead)");
        MonitorId = p.Raw("monitor_id")?.Clone();
        _u = new double[Size];
        VMem = AddState("v_mem", Size);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public double[] Bias { get; }
    public double[] VThresh { get; }
    public double[] VReset { get; }
    public double[]? VSubtract { get; }
    public JsonElement? MonitorId { get; }
    public double[] VMem { get; }

    public override void ResetState()
    {
        for (var j = 0; j < Size; j++) VMem[j] = (float)VReset[j];
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        _w.VecMat(portInput[0], _u);
        for (var j = 0; j < Size; j++)
        {
            var v = VMem[j] + _u[j] + Bias[j];
            if (VSubtract is not null)
                while (v >= VThresh[j])
                {
                    v -= VSubtract[j];
                    spikes.Add(j);
                }
            else if (v >= VThresh[j])
            {
                v = VReset[j];
                spikes.Add(j);
            }
            VMem[j] = v;
        }
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["weights"] = _w.ToJson();
        d["bias"] = ModelDict.PerNeuron(Bias);
        d["v_thresh"] = ModelDict.PerNeuron(VThresh);
        d["v_reset"] = ModelDict.PerNeuron(VReset);
        d["v_subtract"] = VSubtract is null ? null : ModelDict.PerNeuron(VSubtract);
        if (MonitorId is { } m) d["monitor_id"] = JsonNode.Parse(m.GetRawText());
        return d;
    }

    /// <summary>Rockpool asserts these are not None.</summary>
    internal static double[] NotNull(LayerParameters p, string name, double fallback, int size) =>
        p.IsNull(name) ? throw new ModelParameterException(name, $"'{name}' must not be null") : p.PerNeuron(name, fallback, size);
}
