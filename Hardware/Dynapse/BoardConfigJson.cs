using System.Globalization;
using System.Text.Json.Nodes;

namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// A <see cref="BoardConfig"/> as JSON and back: mode, chip step, neurons, virtual inputs, connections as
/// [pre, virtual 0/1, post, type code, count] rows, TAU2 neurons, the 16 cores' parameters, the mismatch
/// seed and spread and the explicit factor tables. Doubles are written round-trip exact ("R"), so a saved
/// configuration reloads to the same bits and the same spikes.
/// </summary>
public static class BoardConfigJson
{
    public static JsonObject ToJson(BoardConfig c)
    {
        var o = new JsonObject
        {
            ["format"] = "eventspike-dynapse-board/1",
            ["mode"] = c.Mode == BoardMode.Dpi ? "dpi" : "virtual",
            ["chip_dt"] = c.ChipDt,
            ["neurons"] = Ints(c.Neurons),
            ["virtual_inputs"] = Ints(c.VirtualInputs),
            ["connections"] = new JsonArray(c.Connections.Select(x => (JsonNode)Ints([x.Pre, x.Virtual ? 1 : 0, x.Post, (int)x.Type, x.Count])).ToArray()),
            ["tau2"] = Ints(c.Tau2),
            ["mismatch_seed"] = c.Mismatch.Seed.ToString(CultureInfo.InvariantCulture),
            ["mismatch_sigma"] = c.Mismatch.Sigma,
            ["rockpool_parity"] = c.RockpoolParity,
            ["monitored"] = c.Monitored,
        };
        var factors = new JsonObject();
        foreach (var (id, f) in c.NeuronFactors.OrderBy(p => p.Key)) factors[id.ToString(CultureInfo.InvariantCulture)] = Doubles(f);
        o["neuron_factors"] = factors;
        if (c.Mode == BoardMode.Dpi) o["cores"] = new JsonArray(c.DpiCores.Select(p => (JsonNode)Core(p)).ToArray());
        else
        {
            var v = new JsonObject();
            for (var i = 0; i < VirtualDynapseParameters.Names.Length; i++) v[VirtualDynapseParameters.Names[i]] = Doubles(c.Virtual.Values[i]);
            o["virtual_parameters"] = v;
        }
        return o;
    }

    public static BoardConfig FromJson(JsonObject o)
    {
        if (o["format"]?.GetValue<string>() != "eventspike-dynapse-board/1")
            throw new FormatException("not a board configuration (format eventspike-dynapse-board/1 expected)");
        var mode = o["mode"]?.GetValue<string>() switch
        {
            "dpi" => BoardMode.Dpi,
            "virtual" => BoardMode.Virtual,
            var m => throw new FormatException($"mode: 'dpi' or 'virtual' expected, got '{m}'"),
        };
        var config = new BoardConfig
        {
            Mode = mode,
            ChipDt = o["chip_dt"]!.GetValue<double>(),
            Neurons = IntArray(o["neurons"]),
            VirtualInputs = IntArray(o["virtual_inputs"]),
            Connections = o["connections"]!.AsArray().Select(r => IntArray(r)).Select(r => r.Length == 5
                ? new BoardConnection(r[0], r[1] != 0, r[2], (SynapseType)(r[3] & 3), r[4])
                : throw new FormatException("a connection is [pre, virtual, post, type, count]")).ToArray(),
            Tau2 = IntArray(o["tau2"]),
            Mismatch = new DeviceMismatch(ulong.Parse(o["mismatch_seed"]!.GetValue<string>(), CultureInfo.InvariantCulture), o["mismatch_sigma"]!.GetValue<double>()),
            RockpoolParity = o["rockpool_parity"]?.GetValue<bool>() ?? false,
            Monitored = o["monitored"]?.GetValue<bool>() ?? true,
            NeuronFactors = (o["neuron_factors"] as JsonObject ?? []).ToDictionary(p => int.Parse(p.Key, CultureInfo.InvariantCulture), p => DoubleArray(p.Value)),
        };
        if (mode == BoardMode.Dpi) return config with { DpiCores = o["cores"]!.AsArray().Select(n => FromCore(n!.AsObject())).ToArray() };
        var values = VirtualDynapseParameters.Names.Select(n => DoubleArray(o["virtual_parameters"]![n])).ToArray();
        return config with { Virtual = new VirtualDynapseParameters { Values = values } };
    }

    private static JsonObject Core(DpiCoreParameters p) => new()
    {
        ["tau_mem"] = p.TauMem, ["tau_mem_2"] = p.TauMem2, ["gain_mem_ratio"] = p.GainMemRatio, ["i_dc"] = p.Idc,
        ["i_spkthr"] = p.Ispkthr, ["t_ref"] = p.TRef, ["t_pulse"] = p.TPulse, ["tau_syn"] = Doubles(p.TauSyn),
        ["gain_syn_ratio"] = Doubles(p.GainSynRatio), ["iw"] = Doubles(p.Iw), ["if_nmda"] = p.IfNmda, ["tau_ahp"] = p.TauAhp,
        ["gain_ahp_ratio"] = p.GainAhpRatio, ["iw_ahp"] = p.IwAhp, ["t_pulse_ahp"] = p.TPulseAhp, ["shunting"] = (int)p.Shunting,
    };

    private static DpiCoreParameters FromCore(JsonObject o) => new()
    {
        TauMem = D(o, "tau_mem"), TauMem2 = D(o, "tau_mem_2"), GainMemRatio = D(o, "gain_mem_ratio"), Idc = D(o, "i_dc"),
        Ispkthr = D(o, "i_spkthr"), TRef = D(o, "t_ref"), TPulse = D(o, "t_pulse"), TauSyn = DoubleArray(o["tau_syn"]),
        GainSynRatio = DoubleArray(o["gain_syn_ratio"]), Iw = DoubleArray(o["iw"]), IfNmda = D(o, "if_nmda"), TauAhp = D(o, "tau_ahp"),
        GainAhpRatio = D(o, "gain_ahp_ratio"), IwAhp = D(o, "iw_ahp"), TPulseAhp = D(o, "t_pulse_ahp"), Shunting = (SynapseType)o["shunting"]!.GetValue<int>(),
    };

    private static double D(JsonObject o, string name) => o[name]?.GetValue<double>() ?? throw new FormatException($"a core lacks '{name}'");

    private static JsonArray Ints(IEnumerable<int> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static JsonArray Doubles(IEnumerable<double> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static int[] IntArray(JsonNode? n) => n?.AsArray().Select(x => x!.GetValue<int>()).ToArray() ?? [];

    private static double[] DoubleArray(JsonNode? n) => n?.AsArray().Select(x => x!.GetValue<double>()).ToArray() ?? [];
}
