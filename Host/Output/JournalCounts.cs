namespace EventSpike.Host.Output;

/// <summary>
/// What a journal holds, counted in one pass: each layer's spikes and sample rows, each probe's
/// rows. The streamed .npy arrays need their lengths before their data (numpy's header holds the shape).
/// </summary>
public sealed class JournalCounts
{
    private readonly Dictionary<int, long> _spikes = new();
    private readonly Dictionary<int, long> _sampleRows = new();
    private readonly Dictionary<int, long> _firstSampleStep = new();
    private readonly Dictionary<int, long> _probeRows = new();
    private readonly Dictionary<int, long> _lastProbeStep = new();

    public static JournalCounts Of(JournalReader journal)
    {
        var counts = new JournalCounts();
        journal.Read(
            (_, layer, neurons) => counts._spikes[layer] = counts.Spikes(layer) + neurons.Length,
            (layer, start, channels, samples) =>
            {
                counts._firstSampleStep.TryAdd(layer, start);
                counts._sampleRows[layer] = counts.SampleRows(layer) + (channels == 0 ? 0 : samples.Length / channels);
            },
            (probe, steps, _) =>
            {
                counts._probeRows[probe] = counts.ProbeRows(probe) + steps.Length;
                if (steps.Length > 0) counts._lastProbeStep[probe] = steps[^1];
            });
        return counts;
    }

    public long Spikes(int layer) => _spikes.GetValueOrDefault(layer);
    public long SampleRows(int layer) => _sampleRows.GetValueOrDefault(layer);

    /// <summary>The first step of a continuous layer's first window (null when it has none).</summary>
    public long? FirstSampleStep(int layer) => _firstSampleStep.TryGetValue(layer, out var s) ? s : null;

    public long ProbeRows(int probe) => _probeRows.GetValueOrDefault(probe);

    /// <summary>The step after which a probe's last sample was taken (null when it has none).</summary>
    public long? LastProbeStep(int probe) => _lastProbeStep.TryGetValue(probe, out var s) ? s : null;
}
