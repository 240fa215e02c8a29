using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;

namespace EventSpike.Hardware.Dynapse.Layers;

/// <summary>
/// Rockpool 1's <c>VirtualDynapse</c> (rockpool-digest §9.3): the board's neurons 0…N−1 as AdEx neurons
/// with exponential current synapses (<see cref="AdExNeurons"/>, equations there), integer connection
/// counts connections_ext (M×N, from external channels ids_in) and connections_rec (N×N), per-core
/// parameters with Rockpool's names and defaults, per-neuron has_tau_mem_2, mismatch 1 + 0.2·N(0,1) ≥ 0.1.
/// With validate (default) a layer whose connections break a board limit (validate_connections ≠ 0) is
/// refused at load with every problem. It steps at the layer's dt (Rockpool's default 0.1 ms).
/// </summary>
public sealed class VirtualDynapse : BoardLayer
{
    public const string TypeName = "VirtualDynapse";

    private readonly int[,] _ext, _rec;
    private readonly int[] _idsIn;
    private readonly bool[] _tau2;
    private readonly bool _validate, _record;
    private readonly int _threads;
    private readonly string _name;

    public VirtualDynapse(int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams) : base(TypeName, dt)
    {
        var rng = streams(0);
        var rec = BoardParameters.Matrix(p, "connections_rec", rng) ?? throw new ModelParameterException("connections_rec", "'connections_rec' is required (a matrix or a generator object)");
        var ext = BoardParameters.Matrix(p, "connections_ext", rng);
        _rec = BoardParameters.Counts(rec.W, null, "connections_rec");
        var n = _rec.GetLength(0);
        if (n != _rec.GetLength(1) || n > BoardGeometry.Neurons)
            throw new ModelParameterException("connections_rec", $"'connections_rec' must be square with at most {BoardGeometry.Neurons} neurons, got {_rec.GetLength(0)}×{_rec.GetLength(1)}");
        if (size > 0 && size != n) throw new ModelParameterException("connections_rec", $"the layer has {size} neurons but 'connections_rec' is {n}×{n}");
        var extMatrix = rec.In ?? ext?.W;
        _ext = extMatrix is null ? new int[1, n] : BoardParameters.Counts(extMatrix, null, "connections_ext");
        if (_ext.GetLength(1) != n || _ext.GetLength(0) > BoardGeometry.VirtualNeurons)
            throw new ModelParameterException("connections_ext", $"'connections_ext' must have {n} columns and at most {BoardGeometry.VirtualNeurons} rows, got {_ext.GetLength(0)}×{_ext.GetLength(1)}");
        _idsIn = BoardParameters.Ids(p, "ids_in") ?? Enumerable.Range(0, _ext.GetLength(0)).ToArray();
        if (_idsIn.Length != _ext.GetLength(0) || _idsIn.Any(v => v is < 0 or >= BoardGeometry.VirtualNeurons))
            throw new ModelParameterException("ids_in", $"'ids_in' needs {_ext.GetLength(0)} external IDs in [0, {BoardGeometry.VirtualNeurons})");
        _tau2 = Tau2(p, n);
        _validate = p.Bool("validate", true);
        _record = p.Bool("record", false);
        _threads = p.Integer("num_threads", 1);
        _name = p.Text("name", "unnamed");
        var monitored = p.Bool("monitored", true);
        var parameters = new VirtualDynapseParameters();
        for (var i = 0; i < VirtualDynapseParameters.Names.Length; i++)
            parameters = parameters.With(VirtualDynapseParameters.Names[i], BoardParameters.PerCore(p, VirtualDynapseParameters.Names[i], VirtualDynapseParameters.Defaults[i]));
        var mismatch = BoardParameters.Mismatch(p, streams);
        Device = BoardParameters.Device(p);
        var connections = new List<BoardConnection>();
        for (var i = 0; i < _ext.GetLength(0); i++)
            for (var j = 0; j < n; j++)
                if (_ext[i, j] is var c and not 0) connections.Add(new BoardConnection(_idsIn[i], true, j, c > 0 ? SynapseType.FastExc : SynapseType.FastInh, Math.Abs(c)));
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (_rec[i, j] is var c and not 0) connections.Add(new BoardConnection(i, false, j, c > 0 ? SynapseType.FastExc : SynapseType.FastInh, Math.Abs(c)));
        if (_validate && ConnectionValidator.Validate(connections, monitored) is { IsValid: false } check)
            throw new ModelParameterException("connections_rec", $"validate_connections = {check.Bitmask}: {string.Join("; ", check.Problems)}");
        Config = new BoardConfig
        {
            Mode = BoardMode.Virtual, ChipDt = dt, Neurons = Enumerable.Range(0, n).ToArray(), VirtualInputs = _idsIn,
            Connections = connections.ToArray(), Tau2 = Enumerable.Range(0, n).Where(j => _tau2[j]).ToArray(),
            Virtual = parameters, Mismatch = mismatch, Monitored = monitored,
        };
    }

    public override IReadOnlyList<string> StateNames => ["v_mem", "w_adapt", "refractory_left"];

    private static bool[] Tau2(LayerParameters p, int n)
    {
        var raw = p.Raw("has_tau_mem_2");
        if (raw is null || raw.Value.ValueKind == JsonValueKind.Null) return new bool[n];
        var e = raw.Value;
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False) return Enumerable.Repeat(e.ValueKind == JsonValueKind.True, n).ToArray();
        if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == n && e.EnumerateArray().All(x => x.ValueKind is JsonValueKind.True or JsonValueKind.False))
            return e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.True).ToArray();
        throw new ModelParameterException("has_tau_mem_2", $"'has_tau_mem_2' must be true, false or a list of {n} booleans");
    }

    public override JsonObject ToDict()
    {
        var d = new JsonObject
        {
            ["class_name"] = ClassName, ["name"] = _name, ["dt"] = Dt,
            ["connections_ext"] = BoardParameters.MatrixJson(_ext), ["connections_rec"] = BoardParameters.MatrixJson(_rec),
            ["ids_in"] = BoardParameters.Ids(_idsIn),
            ["has_tau_mem_2"] = _tau2.All(x => x == _tau2[0]) ? _tau2[0] : new JsonArray(_tau2.Select(x => (JsonNode)x).ToArray()),
            ["validate"] = _validate, ["record"] = _record, ["num_threads"] = _threads, ["monitored"] = Config.Monitored,
            ["mismatch"] = Config.Mismatch.Sigma > 0, ["mismatch_std"] = Config.Mismatch.Sigma > 0 ? Config.Mismatch.Sigma : DeviceMismatch.DefaultSigma,
            ["mismatch_seed"] = Config.Mismatch.Seed, ["device"] = Device,
        };
        for (var i = 0; i < VirtualDynapseParameters.Names.Length; i++)
            d[VirtualDynapseParameters.Names[i]] = BoardParameters.PerCoreJson(Config.Virtual.Values[i]);
        return d;
    }
}
