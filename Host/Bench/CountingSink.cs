using System.Diagnostics;
using EventSpike.Actors.Recording;

namespace EventSpike.Host.Bench;

/// <summary>
/// Counts recorded spikes, per layer and per neuron (from which the bench derives the synaptic
/// events delivered), and notes when the first one reached the recorder (seconds since the process started).
/// </summary>
public sealed class CountingSink : ISpikeSink
{
    private readonly long[][] _perNeuron;

    /// <param name="layerSizes">Size of each layer, by layer id.</param>
    public CountingSink(IReadOnlyList<int> layerSizes) => _perNeuron = layerSizes.Select(n => new long[n]).ToArray();

    public long Spikes { get; private set; }
    public double? FirstSpikeSinceStart { get; private set; }

    /// <summary>Spikes of each neuron of layer <paramref name="layer"/>.</summary>
    public ReadOnlySpan<long> PerNeuron(int layer) => _perNeuron[layer];

    public void Write(long step, int layer, ReadOnlySpan<int> neurons)
    {
        if (FirstSpikeSinceStart is null && neurons.Length > 0)
            FirstSpikeSinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
        Spikes += neurons.Length;
        var counts = _perNeuron[layer];
        foreach (var n in neurons) counts[n]++;
    }

    public void Complete()
    {
    }
}
