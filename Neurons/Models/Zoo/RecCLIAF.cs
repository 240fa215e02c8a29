using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's <c>RecCLIAF</c>: clocked recurrent integrate-and-fire with constant leak (negative
/// bias), a delay FIFO for recurrent spikes, a bias period, refractoriness and a state type that
/// saturates (<see cref="StateType"/>). Step k (the global step):
///   u = S_in,k·W_in + Q.pop()·W_rec + [bias step]·b;   refractory neurons get u = 0
///   V ← cast(clip(V + u))                                    (state_type)
///   v_subtract set, no refractoriness: while V ≥ v_thresh: V −= v_subtract, one spike each
///   v_subtract set, refractoriness:    V ≥ v_thresh → V −= v_subtract, one spike
///   v_subtract null:                    V ≥ v_thresh → V ← v_reset, one spike
///   spiking neurons are held for R steps (no input, no spikes); the spike counts are pushed onto Q.
/// Q holds max(1, ⌊delay/dt⌋) steps (delay null: 1). The bias is added when (k + 1) is a multiple
/// of ⌊tTauBias/dt⌋ (tTauBias null: every step). R = round(refractory/dt), EventSpike's convention
/// (Rockpool floors). Spikes of step k are stamped (k+1)·dt. State: <c>v_mem</c> (reset:
/// cast(v_reset)), <c>refractory_left</c>, <c>queue</c> (Q, oldest first, N values per slot).
/// </summary>
public sealed class RecCLIAF : ZooLayer
{
    private readonly DenseMatrix _wIn;
    private readonly DenseMatrix _wRec;
    private readonly double[] _u;
    private readonly int _refractorySteps;
    private readonly int _delaySteps;
    private readonly int _biasPeriod;
    private readonly StateType _type;

    public RecCLIAF(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        _wIn = RequiredMatrix(p, "weights_in");
        _wRec = RequiredMatrix(p, "weights_rec");
        if (_wRec.Rows != _wRec.Cols) throw new ModelParameterException("weights_rec", $"'weights_rec' must be square, got {_wRec.Rows}×{_wRec.Cols}");
        ResolveSize(_wRec.Cols, "weights_rec");
        if (_wIn.Cols != Size) throw new ModelParameterException("weights_in", $"'weights_in' must have {Size} columns, got {_wIn.Cols}");
        Ports = [new InputPort("input", PortKind.Spikes, _wIn.Rows)];
        Bias = FFCLIAF.NotNull(p, "bias", 0.0, Size);
        VThresh = FFCLIAF.NotNull(p, "v_thresh", 8.0, Size);
        VReset = FFCLIAF.NotNull(p, "v_reset", 0.0, Size);
        VSubtract = p.PerNeuronOrNull("v_subtract", 8.0, Size);
        if (VSubtract is not null && VSubtract.Any(x => !(x > 0)))
            throw new ModelParameterException("v_subtract", "'v_subtract' must be > 0 (or null to reset instead)");
        Refractory = p.IsNull("refractory") ? 0.0 : NonNegative(p.Scalar("refractory", 0.0), "refractory");
        _refractorySteps = (int)Math.Round(Refractory / dt);
        Delay = p.IsNull("delay") ? null : p.Has("delay") ? NonNegative(p.Scalar("delay", 0), "delay") : null;
        _delaySteps = Delay is { } d ? Math.Max(1, (int)Math.Floor(d / dt + 1e-9)) : 1;
        TauBias = p.IsNull("tTauBias") ? null : p.Has("tTauBias") ? NonNegative(p.Scalar("tTauBias", 0), "tTauBias") : null;
        _biasPeriod = TauBias is { } tb ? Math.Max(1, (int)Math.Floor(tb / dt + 1e-9)) : 1;
        StateTypeName = p.Text("state_type", "float");
        _type = StateType.Parse(StateTypeName, "state_type");
        MonitorId = p.Raw("monitor_id")?.Clone();
        _u = new double[Size];
        VMem = AddState("v_mem", Size);
        RefractoryLeft = AddState("refractory_left", Size);
        Queue = AddState("queue", _delaySteps * Size);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public double[] Bias { get; }
    public double[] VThresh { get; }
    public double[] VReset { get; }
    public double[]? VSubtract { get; }
    public double Refractory { get; }
    public double? Delay { get; }
    public double? TauBias { get; }
    public string StateTypeName { get; }
    public JsonElement? MonitorId { get; }
    public double[] VMem { get; }
    public double[] RefractoryLeft { get; }
    public double[] Queue { get; }

    public override void ResetState()
    {
        for (var j = 0; j < Size; j++) VMem[j] = _type.Cast(VReset[j]);
        Array.Clear(RefractoryLeft);
        Array.Clear(Queue);
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        _wIn.VecMat(portInput[0], _u);
        _wRec.AccumulateVecMat(Queue.AsSpan(0, Size), _u);
        Queue.AsSpan(Size).CopyTo(Queue);
        var counts = Queue.AsSpan((_delaySteps - 1) * Size, Size);
        counts.Clear();
        var biasStep = (step + 1) % _biasPeriod == 0;
        for (var j = 0; j < Size; j++)
        {
            var u = _u[j] + (biasStep ? Bias[j] : 0.0);
            var refractory = RefractoryLeft[j] > 0;
            if (refractory)
            {
                u = 0;
                RefractoryLeft[j]--;
            }
            var v = _type.Cast(VMem[j] + u);
            var n = 0;
            if (refractory)
            {
                // Held: neither input nor spikes until the period is over.
            }
            else if (VSubtract is not null)
            {
                if (_refractorySteps == 0)
                    while (v >= VThresh[j])
                    {
                        v = _type.Cast(v - VSubtract[j]);
                        n++;
                    }
                else if (v >= VThresh[j])
                {
                    v = _type.Cast(v - VSubtract[j]);
                    n = 1;
                }
            }
            else if (v >= VThresh[j])
            {
                v = _type.Cast(VReset[j]);
                n = 1;
            }
            if (n > 0)
            {
                RefractoryLeft[j] = _refractorySteps;
                counts[j] = n;
                for (var c = 0; c < n; c++) spikes.Add(j);
            }
            VMem[j] = v;
        }
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["weights_in"] = _wIn.ToJson();
        d["weights_rec"] = _wRec.ToJson();
        d["bias"] = ModelDict.PerNeuron(Bias);
        d["v_thresh"] = ModelDict.PerNeuron(VThresh);
        d["v_reset"] = ModelDict.PerNeuron(VReset);
        d["v_subtract"] = VSubtract is null ? null : ModelDict.PerNeuron(VSubtract);
        d["refractory"] = Refractory;
        d["delay"] = Delay;
        d["tTauBias"] = TauBias;
        d["state_type"] = StateTypeName;
        if (MonitorId is { } m) d["monitor_id"] = JsonNode.Parse(m.GetRawText());
        return d;
    }
}
