namespace EventSpike.Neurons.Models;

/// <summary>What a layer emits: spike events (Rockpool's TSEvent) or a sampled signal (TSContinuous).</summary>
public enum SignalKind
{
    Spikes,
    Continuous,
}
