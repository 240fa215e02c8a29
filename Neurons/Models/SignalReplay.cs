using System.Text.Json.Nodes;
using EventSpike.Neurons.Series;

namespace EventSpike.Neurons.Models;

/// <summary>
/// A source that replays a recorded <see cref="TSContinuous"/> ("SignalReplay"): the value for step k
/// is the series interpolated at the step's start t0 + k·dt (NaN outside the series becomes 0, as
/// Rockpool treats layer inputs). Used for <c>--input LAYER=FILE.npz</c>.
/// </summary>
public sealed class SignalReplay : ILayerModel, IFiniteSource
{
    public const string TypeName = "SignalReplay";
    private const int ChunkSteps = 1024;

    private readonly TSContinuous _series;
    private readonly double _t0;
    private readonly double[] _output;
    private double[]? _chunk;
    private long _chunkStart = -1;

    public SignalReplay(TSContinuous series, double dt, double t0 = 0)
    {
        _series = series;
        _t0 = t0;
        Size = series.NumChannels;
        Dt = dt;
        _output = new double[Size];
    }

    public string ClassName => TypeName;
    public int Size { get; }
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports => [];
    public SignalKind OutputKind => SignalKind.Continuous;
    public ReadOnlySpan<double> Output => _output;

    /// <summary>The series' t_stop in steps from t0 (a whole number of steps to 1e-6, else rounded down, as a run's duration is).</summary>
    public long EndStep => WholeSteps.Of(_series.TStop - _t0, Dt);

    public void Step(long step, double[][] portInput, List<int> spikes)
    {
        var start = step - step % ChunkSteps;
        if (_chunk is null || start != _chunkStart)
        {
            _chunk = SeriesWindows.ToSampleWindow(_series, Dt, start, ChunkSteps, _t0);
            _chunkStart = start;
        }
        _chunk.AsSpan((int)(step - start) * Size, Size).CopyTo(_output);
    }

    public void ResetState()
    {
        _chunk = null;
        Array.Clear(_output);
    }

    public JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        d["samples"] = _series.Count;
        return d;
    }
}
