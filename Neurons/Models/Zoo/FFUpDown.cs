using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's <c>FFUpDown</c> delta modulator: each continuous input channel i is tracked by a state
/// s_i (initialised to the channel's first sample); changes larger than a threshold become "up" and
/// "down" spikes. Step k, per channel:
///   s ← s·(1 − dt/τ_decay)                         (no decay when tau_decay is null; τ_decay ≥ dt)
///   multiplexed:     n_up = max(0, ⌊(x − s)/θ_up⌋),  n_down = max(0, ⌊(s − x)/θ_down⌋)
///   not multiplexed: n_up = [x &gt; s + θ_up],          n_down = [x &lt; s − θ_down]
///   s ← s + θ_up·n_up − θ_down·n_down               (s is the input reconstructed from the spikes)
/// Each spike is repeated <c>repeat_output</c> times. With n output channels per polarity
/// (<c>weights</c> = [M, n]), input i's up events go to channels 2i·n … 2i·n + n − 1 and its down
/// events to (2i+1)·n …, dealt round-robin; with <c>weights</c> = M (n = 1) up is 2i and down 2i+1.
/// Size = 2·n·M. <c>noise_std</c>: σ·ξ_k added to each input sample per step. The weight-matrix
/// form of <c>weights</c> (M × 2nM) is not supported. Spikes of step k are stamped (k+1)·dt.
/// State: <c>state</c> (M values, size_in as in Rockpool), <c>initialized</c> (1 once the first
/// sample is taken), <c>round_robin</c> (next sub-channel per input and polarity).
/// </summary>
public sealed class FFUpDown : ZooLayer
{
    private readonly double[] _initialized;
    private readonly double[] _roundRobin;
    private readonly int[] _counts;
    private readonly double[] _decay;

    public FFUpDown(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        var raw = p.Raw("weights") ?? throw new ModelParameterException("weights", "'weights' is required: the number of input channels M, or [M, n]");
        (SizeIn, PerPolarity) = raw.ValueKind switch
        {
            JsonValueKind.Number when raw.TryGetInt32(out var m) => (m, 1),
            JsonValueKind.Array when raw.GetArrayLength() == 2 && raw.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number) =>
                (raw[0].GetInt32(), raw[1].GetInt32()),
            _ => throw new ModelParameterException("weights", "'weights' must be M (input channels) or [M, n] (n output channels per polarity); the matrix form is not supported"),
        };
        if (SizeIn <= 0 || PerPolarity <= 0) throw new ModelParameterException("weights", "'weights' must give positive M and n");
        ResolveSize(2 * PerPolarity * SizeIn, "weights");
        Ports = [new InputPort("input", PortKind.Current, SizeIn)];
        RepeatOutput = p.Integer("repeat_output", 1);
        if (RepeatOutput < 1) throw new ModelParameterException("repeat_output", "'repeat_output' must be ≥ 1");
        TauDecay = p.PerNeuronOrNull("tau_decay", null, SizeIn);
        if (TauDecay is not null && TauDecay.Any(t => !(t >= dt)))
            throw new ModelParameterException("tau_decay", $"'tau_decay' must be at least dt = {dt}");
        NoiseStd = NonNegative(p.Scalar("noise_std", 0.0), "noise_std");
        ThrUp = Positive(p.PerNeuron("thr_up", 1e-3, SizeIn), "thr_up");
        ThrDown = Positive(p.PerNeuron("thr_down", 1e-3, SizeIn), "thr_down");
        MaxNumTimesteps = p.Integer("max_num_timesteps", 5000);
        MultiplexSpikes = p.Bool("multiplex_spikes", true);
        _decay = TauDecay?.Select(t => 1 - dt / t).ToArray() ?? [];
        State = AddState("state", SizeIn);
        _initialized = AddState("initialized", 1);
        _roundRobin = AddState("round_robin", 2 * SizeIn);
        _counts = new int[Size];
        Noise = new BlockNoise(SizeIn, streams);
        ResetState();
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public int SizeIn { get; }
    public int PerPolarity { get; }
    public int RepeatOutput { get; }
    public double[]? TauDecay { get; }
    public double NoiseStd { get; }
    public double[] ThrUp { get; }
    public double[] ThrDown { get; }
    public int MaxNumTimesteps { get; }
    public bool MultiplexSpikes { get; }

    /// <summary>The reconstructed input, one value per input channel.</summary>
    public double[] State { get; }

    public override void ResetState()
    {
        Array.Clear(State);
        Array.Clear(_roundRobin);
        _initialized[0] = 0;
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        var input = portInput[0];
        Array.Clear(_counts);
        var first = _initialized[0] == 0;
        _initialized[0] = 1;
        for (var i = 0; i < SizeIn; i++)
        {
            var x = input[i] + (NoiseStd > 0 ? NoiseStd * Noise!.Gaussian(i) : 0.0);
            if (first) State[i] = x;
            var s = State[i];
            if (TauDecay is not null) s *= _decay[i];
            int up, down;
            if (MultiplexSpikes)
            {
                up = (int)Math.Max(0, Math.Floor((x - s) / ThrUp[i]));
                down = (int)Math.Max(0, Math.Floor((s - x) / ThrDown[i]));
            }
            else
            {
                up = x > s + ThrUp[i] ? 1 : 0;
                down = x < s - ThrDown[i] ? 1 : 0;
            }
            State[i] = s + ThrUp[i] * up - ThrDown[i] * down;
            Deal(i, 0, up * RepeatOutput);
            Deal(i, 1, down * RepeatOutput);
        }
        for (var c = 0; c < Size; c++)
            for (var r = 0; r < _counts[c]; r++) spikes.Add(c);
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["weights"] = PerPolarity == 1 ? JsonValue.Create(SizeIn) : new JsonArray(SizeIn, PerPolarity);
        d["repeat_output"] = RepeatOutput;
        d["tau_decay"] = TauDecay is null ? null : ModelDict.PerNeuron(TauDecay);
        d["noise_std"] = NoiseStd;
        d["thr_up"] = ModelDict.PerNeuron(ThrUp);
        d["thr_down"] = ModelDict.PerNeuron(ThrDown);
        d["max_num_timesteps"] = MaxNumTimesteps;
        d["multiplex_spikes"] = MultiplexSpikes;
        return d;
    }

    /// <summary>Deals <paramref name="events"/> events of input i and polarity p round-robin over its n channels.</summary>
    private void Deal(int i, int polarity, int events)
    {
        if (events == 0) return;
        var n = PerPolarity;
        var baseChannel = (2 * i + polarity) * n;
        var next = (int)_roundRobin[2 * i + polarity];
        for (var e = 0; e < events; e++)
        {
            _counts[baseChannel + next]++;
            next = (next + 1) % n;
        }
        _roundRobin[2 * i + polarity] = next;
    }
}
