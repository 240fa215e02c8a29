using System.Text.Json.Nodes;
using EventSpike.Neurons.Series;

namespace EventSpike.Neurons.Models;

/// <summary>
/// A source that replays a recorded <see cref="TSEvent"/> ("EventReplay"): an event at time t is
/// emitted in step ⌊(t − t0)/dt⌋ (the contract's input rule) on neuron = channel; events at or after
/// the end of the run are never reached. Used for <c>--input LAYER=FILE.npz</c>.
/// </summary>
public sealed class EventReplay : ILayerModel, IFiniteSource
{
    public const string TypeName = "EventReplay";
    private const int ChunkSteps = 1024;

    private readonly TSEvent _series;
    private readonly double _t0;
    private SpikeRows? _chunk;

    public EventReplay(TSEvent series, int size, double dt, double t0 = 0)
    {
        if (series.NumChannels > size)
            throw new ModelParameterException("input", $"the series has {series.NumChannels} channels, the layer {size}");
        _series = series;
        _t0 = t0;
        Size = size;
        Dt = dt;
    }

    public string ClassName => TypeName;
    public int Size { get; }
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports => [];

    /// <summary>The series' t_stop in steps from t0 (a whole number of steps to 1e-6, else rounded down, as a run's duration is).</summary>
    public long EndStep => WholeSteps.Of(_series.TStop - _t0, Dt);

    public void Step(long step, double[][] portInput, List<int> spikes)
    {
        if (_chunk is null || step < _chunk.StartStep || step >= _chunk.StartStep + _chunk.Steps)
            _chunk = SeriesWindows.ToSpikeRows(_series, Dt, step - step % ChunkSteps, ChunkSteps, _t0);
        foreach (var n in _chunk.At((int)(step - _chunk.StartStep))) spikes.Add(n);
    }

    public void ResetState() => _chunk = null;

    public JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        d["events"] = _series.Count;
        return d;
    }
}
