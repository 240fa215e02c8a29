using EventSpike.Actors.Recording;

namespace EventSpike.Actors.Tests;

/// <summary>Keeps every recorded spike as (step, layer, neuron) in the order the recorder wrote them.</summary>
public sealed class CollectingSink : ISpikeSink
{
    public List<(long Step, int Layer, int Neuron)> Spikes { get; } = new();
    public bool Completed { get; private set; }

    public void Write(long step, int layer, ReadOnlySpan<int> neurons)
    {
        foreach (var n in neurons) Spikes.Add((step, layer, n));
    }

    public void Complete() => Completed = true;

    /// <summary>The journal size of this sink is its number of spikes.</summary>
    public long Mark() => Spikes.Count;
}
