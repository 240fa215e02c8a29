namespace EventSpike.Actors.Messages;

/// <summary>Every layer has computed every window and the recorder has closed its outputs.</summary>
public sealed record RunCompleted(long Steps, long Windows, IReadOnlyList<LayerRunStats> Layers);
