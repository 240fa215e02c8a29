using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's <c>RecDIAF</c>: a digital integrate-and-fire layer that is event-driven inside each
/// step. Pending events (time in seconds, channel) sit in a priority queue; channels are the M
/// inputs, the N recurrent neurons, a leak channel and a silent wake-up channel. Each event, in
/// time order (ties: lower channel first):
///   ΔV = W_in[i] (input i), W_rec[n] (a spike of neuron n, delivered `delay` after it),
///        −leak (leak event; with v_rest set, −leak·sgn(V − v_rest), which drives V to v_rest), or 0;
///   refractory neurons ignore it; V ← cast(clip(V + ΔV)) (state_type, int8 by default: saturates);
///   every non-refractory neuron with V ≥ v_thresh spikes at the event time: with v_subtract
///   V ← V − v_subtract, and a neuron still above threshold gets a wake-up event at
///   t + refractory + 1e-9 so it can fire again; without it V ← v_reset. The neuron is refractory
///   until t + refractory, and its spike is queued for t + delay on its recurrent channel.
/// Leak events fall on every positive multiple of tau_leak. Step k processes the events with time
/// in [k·dt, (k+1)·dt), including those its own spikes create inside the step; later ones stay
/// queued for the next steps (Rockpool also processes the first event past the window end, a bug,
/// digest §12.10). Input events of step k enter at time k·dt. A spike at time t is emitted with the
/// step containing t and stamped (k+1)·dt (EventSpike's convention; Rockpool keeps t itself).
/// States: <c>v_mem</c> (reset: cast(v_reset)), <c>refractory_until</c> (seconds). The event queue
/// is internal: checkpoints taken with spikes in flight do not keep them.
/// </summary>
public sealed class RecDIAF : ZooLayer
{
    private readonly DenseMatrix _wIn;
    private readonly DenseMatrix _wRec;
    private readonly StateType _type;
    private readonly PriorityQueue<(double Time, int Channel), (double Time, int Channel)> _queue = new();
    private readonly int[] _spikeCounts;
    private readonly int _leakChannel;
    private readonly int _wakeChannel;

    public RecDIAF(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        _wIn = RequiredMatrix(p, "weights_in");
        _wRec = RequiredMatrix(p, "weights_rec");
        if (_wRec.Rows != _wRec.Cols) throw new ModelParameterException("weights_rec", $"'weights_rec' must be square, got {_wRec.Rows}×{_wRec.Cols}");
        ResolveSize(_wRec.Cols, "weights_rec");
        if (_wIn.Cols != Size) throw new ModelParameterException("weights_in", $"'weights_in' must have {Size} columns, got {_wIn.Cols}");
        Ports = [new InputPort("input", PortKind.Spikes, _wIn.Rows)];
        Delay = p.Scalar("delay", 1e-8);
        if (!(Delay > 0)) throw new ModelParameterException("delay", "'delay' must be > 0 (recurrent spikes need a delay)");
        TauLeak = p.Scalar("tau_leak", 1e-3);
        if (!(TauLeak > 0)) throw new ModelParameterException("tau_leak", "'tau_leak' must be > 0");
        Refractory = p.PerNeuron("refractory", 1e-9, Size).Select(r => Math.Max(r, 1e-9)).ToArray();
        VThresh = p.PerNeuron("v_thresh", 100, Size);
        VReset = p.PerNeuron("v_reset", 0, Size);
        VRest = p.PerNeuronOrNull("v_rest", null, Size);
        Leak = p.PerNeuron("leak", 1, Size);
        VSubtract = p.PerNeuronOrNull("v_subtract", null, Size);
        if (VSubtract is not null && VSubtract.Any(x => !(x > 0)))
            throw new ModelParameterException("v_subtract", "'v_subtract' must be > 0 (or null to reset instead)");
        StateTypeName = p.Text("state_type", "int8");
        _type = StateType.Parse(StateTypeName, "state_type");
        MonitorId = p.Raw("monitor_id")?.Clone();
        _leakChannel = _wIn.Rows + Size;
        _wakeChannel = _leakChannel + 1;
        _spikeCounts = new int[Size];
        VMem = AddState("v_mem", Size);
        RefractoryUntil = AddState("refractory_until", Size);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public double Delay { get; }
    public double TauLeak { get; }
    public double[] Refractory { get; }
    public double[] VThresh { get; }
    public double[] VReset { get; }
    public double[]? VRest { get; }
    public double[] Leak { get; }
    public double[]? VSubtract { get; }
    public string StateTypeName { get; }
    public JsonElement? MonitorId { get; }
    public double[] VMem { get; }
    public double[] RefractoryUntil { get; }

    public override void ResetState()
    {
        for (var j = 0; j < Size; j++) VMem[j] = _type.Cast(VReset[j]);
        Array.Fill(RefractoryUntil, double.NegativeInfinity);
        _queue.Clear();
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        var start = step * Dt;
        var end = (step + 1) * Dt;
        var input = portInput[0];
        for (var i = 0; i < input.Length; i++)
            for (var c = 0; c < Math.Round(input[i]); c++) Push(start, i);
        for (var m = Math.Max(1L, (long)Math.Ceiling(start / TauLeak)); m * TauLeak < end; m++) Push(m * TauLeak, _leakChannel);

        Array.Clear(_spikeCounts);
        while (_queue.TryPeek(out var e, out _) && e.Time < end)
        {
            _queue.Dequeue();
            Process(e.Time, e.Channel);
        }
        for (var j = 0; j < Size; j++)
            for (var c = 0; c < _spikeCounts[j]; c++) spikes.Add(j);
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["weights_in"] = _wIn.ToJson();
        d["weights_rec"] = _wRec.ToJson();
        d["delay"] = Delay;
        d["tau_leak"] = TauLeak;
        d["refractory"] = ModelDict.PerNeuron(Refractory);
        d["v_thresh"] = ModelDict.PerNeuron(VThresh);
        d["v_reset"] = ModelDict.PerNeuron(VReset);
        d["v_rest"] = VRest is null ? null : ModelDict.PerNeuron(VRest);
        d["leak"] = ModelDict.PerNeuron(Leak);
        d["v_subtract"] = VSubtract is null ? null : ModelDict.PerNeuron(VSubtract);
        d["state_type"] = StateTypeName;
        if (MonitorId is { } m) d["monitor_id"] = JsonNode.Parse(m.GetRawText());
        return d;
    }

    private void Push(double time, int channel) => _queue.Enqueue((time, channel), (time, channel));

    private void Process(double t, int channel)
    {
        var inputs = _wIn.Rows;
        for (var j = 0; j < Size; j++)
        {
            if (t < RefractoryUntil[j]) continue;
            double delta;
            if (channel < inputs) delta = _wIn[channel, j];
            else if (channel < _leakChannel) delta = _wRec[channel - inputs, j];
            else if (channel == _leakChannel)
                delta = VRest is null ? -Leak[j] : -Leak[j] * Math.Sign(VMem[j] - VRest[j]);
            else delta = 0;
            VMem[j] = _type.Cast(VMem[j] + delta);
        }
        for (var j = 0; j < Size; j++)
        {
            if (t < RefractoryUntil[j] || VMem[j] < VThresh[j]) continue;
            _spikeCounts[j]++;
            if (VSubtract is not null)
            {
                VMem[j] = _type.Cast(VMem[j] - VSubtract[j]);
                if (VMem[j] >= VThresh[j]) Push(t + Refractory[j] + 1e-9, _wakeChannel);
            }
            else VMem[j] = _type.Cast(VReset[j]);
            RefractoryUntil[j] = t + Refractory[j];
            Push(t + Delay, inputs + j);
        }
    }
}
