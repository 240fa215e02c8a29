using System.Collections;
using EventSpike.Neurons.Series;

namespace EventSpike.Actors.Api;

/// <summary>
/// What one <see cref="Network.Evolve"/> returns: <c>"external"</c> → the input and each layer's name → its
/// output over the evolved span, as Rockpool's <c>evolve</c> dict; typed by <see cref="Events"/> (a spiking
/// layer's <see cref="TSEvent"/>) and <see cref="Continuous"/> (a continuous layer's <see cref="TSContinuous"/>),
/// so that no caller casts.
/// </summary>
public sealed class EvolveResult(IReadOnlyDictionary<string, TimeSeries?> outputs) : IReadOnlyDictionary<string, TimeSeries?>
{
    /// <summary>The spikes of layer <paramref name="layer"/>; a layer with a continuous output is refused naming it.</summary>
    public TSEvent Events(string layer) => Get(layer) as TSEvent
        ?? throw new InvalidOperationException($"'{layer}' has a continuous output: read it with Continuous(\"{layer}\")");

    /// <summary>The samples of layer <paramref name="layer"/>; a spiking layer is refused naming it.</summary>
    public TSContinuous Continuous(string layer) => Get(layer) as TSContinuous
        ?? throw new InvalidOperationException($"'{layer}' emits spikes: read them with Events(\"{layer}\")");

    /// <summary>Every spiking layer's spikes, by name.</summary>
    public IReadOnlyDictionary<string, TSEvent> Spikes =>
        outputs.Where(o => o.Key != "external" && o.Value is TSEvent).ToDictionary(o => o.Key, o => (TSEvent)o.Value!);

    public TimeSeries? this[string key] => outputs[key];
    public IEnumerable<string> Keys => outputs.Keys;
    public IEnumerable<TimeSeries?> Values => outputs.Values;
    public int Count => outputs.Count;
    public bool ContainsKey(string key) => outputs.ContainsKey(key);
    public bool TryGetValue(string key, out TimeSeries? value) => outputs.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, TimeSeries?>> GetEnumerator() => outputs.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private TimeSeries? Get(string layer) =>
        outputs.TryGetValue(layer, out var series) ? series
            : throw new KeyNotFoundException($"no layer '{layer}'; layers: {string.Join(", ", outputs.Keys.Where(k => k != "external"))}");
}
