using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;

namespace EventSpike.Hardware.Dynapse.Layers;

/// <summary>
/// Rockpool's <c>RecDynapSE</c> (rockpool-digest §9.2): a recurrent layer placed on the DYNAP-SE board by
/// <see cref="DynapseMapper"/> and run on the DPI chip model (<see cref="DpiNeurons"/>, equations there).
/// weights_in (M×N) and weights_rec (N×N) are connection counts, rounded (or discretised to
/// max_num_connections levels per sign), given as matrices or generator objects; a layer that breaks a
/// board limit is refused at load with every problem (neuron, core, limit). Per-core DPI parameters take
/// one value or 16. Rockpool's batching and RPyC options are kept in the dict; the FPGA limits apply
/// to each transfer of the device link (max_num_events_batch).
/// </summary>
public sealed class RecDynapSE : BoardLayer
{
    public const string TypeName = "RecDynapSE";

    private static readonly string[] PassThrough =
        ["max_num_trials_batch", "max_batch_dur", "max_num_timesteps", "clearcores_list", "rpyc_port"];

    private readonly JsonObject _kept = [];
    private readonly int[,] _win, _wrec;
    private readonly int[]? _neuronIds, _virtualIds;
    private readonly int[] _inputCores;
    private readonly int _inputChip;
    private readonly int? _maxConnections;
    private readonly Dictionary<string, double[]> _core = [];
    private readonly string _shunting;
    private readonly bool _skipWeights, _skipAllocation, _fastmode;
    private readonly double _speedup;
    private readonly string _name;

    public RecDynapSE(int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams) : base(TypeName, dt)
    {
        var rng = streams(0);
        var win = BoardParameters.Matrix(p, "weights_in", rng);
        var wrec = BoardParameters.Matrix(p, "weights_rec", rng) ?? throw new ModelParameterException("weights_rec", "'weights_rec' is required (a matrix or a generator object)");
        if (wrec.In is not null && win is not null) throw new ModelParameterException("weights_in", $"'weights_rec' comes from a generator that also gives the input weights: leave 'weights_in' out");
        var inMatrix = wrec.In ?? win?.W ?? throw new ModelParameterException("weights_in", "'weights_in' is required (a matrix or a generator object)");
        var k = p.IsNull("max_num_connections") ? null : p.Has("max_num_connections") ? (int?)p.Integer("max_num_connections", 3) : null;
        _maxConnections = k;
        _win = BoardParameters.Counts(inMatrix, k, "weights_in");
        _wrec = BoardParameters.Counts(wrec.W, k, "weights_rec");
        var requested = (In: inMatrix, Rec: wrec.W);
        if (_wrec.GetLength(0) != _wrec.GetLength(1)) throw new ModelParameterException("weights_rec", $"'weights_rec' must be square, got {_wrec.GetLength(0)}×{_wrec.GetLength(1)}");
        if (size > 0 && size != _wrec.GetLength(0)) throw new ModelParameterException("weights_rec", $"the layer has {size} neurons but 'weights_rec' is {_wrec.GetLength(0)}×{_wrec.GetLength(1)}");
        _neuronIds = BoardParameters.Ids(p, "neuron_ids");
        _virtualIds = BoardParameters.Ids(p, "virtual_neuron_ids");
        _inputCores = BoardParameters.Ids(p, "l_input_core_ids") ?? [0];
        _inputChip = p.Integer("input_chip_id", 0);
        MaxEventsPerTransfer = p.Integer("max_num_events_batch", FpgaInput.MaxEventsPerTransfer);
        if (MaxEventsPerTransfer is < 1 or > FpgaInput.MaxEventsPerTransfer)
            throw new ModelParameterException("max_num_events_batch", $"'max_num_events_batch' must be in [1, {FpgaInput.MaxEventsPerTransfer}] (the FPGA's limit), got {MaxEventsPerTransfer}");
        foreach (var name in PassThrough)
            if (BoardParameters.Raw(p, name) is { } v) _kept[name] = v;
        _skipWeights = p.Bool("skip_weights", false);
        _skipAllocation = p.Bool("skip_neuron_allocation", false);
        _fastmode = p.Bool("fastmode", false);
        _speedup = p.Scalar("speedup", 1.0);
        _name = p.Text("name", "unnamed");
        var chipDt = p.Scalar("chip_dt", 1e-5);
        if (!(chipDt > 0) || chipDt > dt * (1 + 1e-9)) throw new ModelParameterException("chip_dt", $"'chip_dt' must be > 0 and ≤ the layer's dt {dt} s, got {chipDt}");
        var parity = p.Bool("rockpool_parity", false);
        var monitored = p.Bool("monitored", true);
        _shunting = p.Text("shunting", "gaba_a");
        if (_shunting is not ("gaba_a" or "gaba_b")) throw new ModelParameterException("shunting", $"'shunting' must be \"gaba_a\" or \"gaba_b\", got '{_shunting}'");
        var cores = ReadCores(p);
        var mismatch = BoardParameters.Mismatch(p, streams);
        Device = BoardParameters.Device(p);
        BoardConfig mapped;
        try
        {
            mapped = DynapseMapper.Map(new MapRequest(_win, _wrec) { NeuronIds = _neuronIds, VirtualIds = _virtualIds, InputCoreIds = _inputCores, InputChipId = _inputChip, Monitored = monitored });
        }
        catch (MappingException e)
        {
            throw new ModelParameterException("weights_rec", e.Message);
        }
        Config = mapped with { Mode = BoardMode.Dpi, ChipDt = chipDt, DpiCores = cores, Mismatch = mismatch, RockpoolParity = parity };
        if (k is { } levels)
            Quantisation = [.. QuantisationReport.PerCore("weights_in", requested.In, levels, mapped.Neurons), .. QuantisationReport.PerCore("weights_rec", requested.Rec, levels, mapped.Neurons)];
    }

    /// <summary>Per core, the error of discretising the real weights to max_num_connections levels (empty when the weights are counts already).</summary>
    public IReadOnlyList<CoreQuantisation> Quantisation { get; } = [];

    public override IReadOnlyList<string> StateNames => ["i_mem", "i_ahp", "refractory_left"];

    /// <summary>Per-core DPI parameters: (parameter name, default, setter).</summary>
    internal static readonly (string Name, double Default, Func<DpiCoreParameters, double, DpiCoreParameters> Set)[] CoreFields =
    [
        ("tau_mem", 0.02, (c, v) => c with { TauMem = v }), ("tau_mem_2", 0.002, (c, v) => c with { TauMem2 = v }),
        ("gain_mem_ratio", 4, (c, v) => c with { GainMemRatio = v }), ("i_dc", DpiLayout.I0, (c, v) => c with { Idc = v }),
        ("i_spkthr", 1e-7, (c, v) => c with { Ispkthr = v }), ("t_ref", 1e-3, (c, v) => c with { TRef = v }),
        ("t_pulse", 1e-5, (c, v) => c with { TPulse = v }),
        ("tau_gaba_b", 0.1, (c, v) => c with { TauSyn = Set(c.TauSyn, 0, v) }), ("tau_gaba_a", 0.01, (c, v) => c with { TauSyn = Set(c.TauSyn, 1, v) }),
        ("tau_nmda", 0.1, (c, v) => c with { TauSyn = Set(c.TauSyn, 2, v) }), ("tau_ampa", 0.01, (c, v) => c with { TauSyn = Set(c.TauSyn, 3, v) }),
        ("gain_syn_ratio", 100, (c, v) => c with { GainSynRatio = [v, v, v, v] }),
        ("iw_gaba_b", 1e-8, (c, v) => c with { Iw = Set(c.Iw, 0, v) }), ("iw_gaba_a", 1e-8, (c, v) => c with { Iw = Set(c.Iw, 1, v) }),
        ("iw_nmda", 1e-8, (c, v) => c with { Iw = Set(c.Iw, 2, v) }), ("iw_ampa", 1e-8, (c, v) => c with { Iw = Set(c.Iw, 3, v) }),
        ("if_nmda", DpiLayout.I0, (c, v) => c with { IfNmda = v }), ("tau_ahp", 0.05, (c, v) => c with { TauAhp = v }),
        ("gain_ahp_ratio", 1, (c, v) => c with { GainAhpRatio = v }), ("iw_ahp", DpiLayout.I0, (c, v) => c with { IwAhp = v }),
        ("t_pulse_ahp", 1e-6, (c, v) => c with { TPulseAhp = v }),
    ];

    private static double[] Set(double[] a, int i, double v)
    {
        var b = (double[])a.Clone();
        b[i] = v;
        return b;
    }

    private DpiCoreParameters[] ReadCores(LayerParameters p)
    {
        var cores = Enumerable.Range(0, BoardGeometry.Cores).Select(_ => new DpiCoreParameters
        {
            Shunting = _shunting == "gaba_a" ? SynapseType.FastInh : SynapseType.SlowInh,
        }).ToArray();
        foreach (var (name, fallback, set) in CoreFields)
        {
            var values = BoardParameters.PerCore(p, name, fallback);
            _core[name] = values;
            for (var c = 0; c < cores.Length; c++) cores[c] = set(cores[c], values[c]);
        }
        for (var c = 0; c < cores.Length; c++)
        {
            try { cores[c].Check(c); }
            catch (ArgumentException e) { throw new ModelParameterException("tau_mem", e.Message); }
        }
        return cores;
    }

    public override JsonObject ToDict()
    {
        var d = new JsonObject
        {
            ["class_name"] = ClassName, ["name"] = _name, ["dt"] = Dt,
            ["weights_in"] = BoardParameters.MatrixJson(_win), ["weights_rec"] = BoardParameters.MatrixJson(_wrec),
            ["neuron_ids"] = BoardParameters.Ids(_neuronIds), ["virtual_neuron_ids"] = BoardParameters.Ids(_virtualIds),
            ["l_input_core_ids"] = BoardParameters.Ids(_inputCores), ["input_chip_id"] = _inputChip,
            ["max_num_events_batch"] = MaxEventsPerTransfer, ["max_num_connections"] = _maxConnections,
            ["skip_weights"] = _skipWeights, ["skip_neuron_allocation"] = _skipAllocation, ["fastmode"] = _fastmode, ["speedup"] = _speedup,
            ["chip_dt"] = Config.ChipDt, ["rockpool_parity"] = Config.RockpoolParity, ["monitored"] = Config.Monitored, ["shunting"] = _shunting,
            ["mismatch"] = Config.Mismatch.Sigma > 0, ["mismatch_std"] = Config.Mismatch.Sigma > 0 ? Config.Mismatch.Sigma : DeviceMismatch.DefaultSigma,
            ["mismatch_seed"] = Config.Mismatch.Seed, ["device"] = Device,
        };
        foreach (var (name, _, _) in CoreFields) d[name] = BoardParameters.PerCoreJson(_core[name]);
        foreach (var (key, value) in _kept) d[key] = value?.DeepClone();
        return d;
    }
}
