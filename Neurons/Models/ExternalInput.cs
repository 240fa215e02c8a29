using System.Text.Json.Nodes;
using EventSpike.Neurons.Series;

namespace EventSpike.Neurons.Models;

/// <summary>
/// The external input of a network evolved from code (Rockpool's <c>external_input</c>): replays
/// whatever series was last given to <see cref="Feed"/> — events on neuron = channel at step
/// ⌊t/dt⌋, or a signal sampled at each step's start — and nothing (zeros) when none was given.
/// </summary>
public sealed class ExternalInput : ILayerModel
{
    public const string TypeName = "ExternalInput";

    private readonly double[] _zeros;
    private ILayerModel? _replay;

    public ExternalInput(int size, double dt, SignalKind kind)
    {
        Size = size;
        Dt = dt;
        OutputKind = kind;
        _zeros = new double[size];
    }

    public string ClassName => TypeName;
    public int Size { get; }
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports => [];
    public SignalKind OutputKind { get; }
    public ReadOnlySpan<double> Output => _replay is null ? _zeros : _replay.Output;

    /// <summary>Replays <paramref name="series"/> from now on (null: no input).</summary>
    public void Feed(TimeSeries? series)
    {
        _replay = series switch
        {
            null => null,
            TSEvent e when OutputKind == SignalKind.Spikes => e.NumChannels <= Size ? new EventReplay(e, Size, Dt)
                : throw new ArgumentException($"the input has {e.NumChannels} channels; the input layer takes {Size}"),
            TSContinuous c when OutputKind == SignalKind.Continuous => c.NumChannels == Size ? new SignalReplay(c, Dt)
                : throw new ArgumentException($"the input has {c.NumChannels} channels; the input layer takes {Size}"),
            _ => throw new ArgumentException($"the input layer takes a {(OutputKind == SignalKind.Spikes ? "TSEvent" : "TSContinuous")}, got a {series.GetType().Name}"),
        };
    }

    public void Step(long step, double[][] portInput, List<int> spikes) => _replay?.Step(step, portInput, spikes);

    public void ResetState() => _replay?.ResetState();

    public JsonObject ToDict() => ModelDict.Create(TypeName, Size, Dt);
}
