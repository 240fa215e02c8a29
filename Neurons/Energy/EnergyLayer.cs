namespace EventSpike.Neurons.Energy;

/// <summary>
/// One layer as ModelEnergy sees it: its name and type (the summary's "name (Type)"), output shape as
/// text, parameter count, statistics and, when measured on example data, its input rate in Hz
/// (mean |input| over batch, time and units; needed for an event-driven device).
/// </summary>
public sealed record EnergyLayer(string Name, string TypeName, string OutputShape, long Params, LayerStats Stats, double? Rate = null);
