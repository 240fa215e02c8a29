namespace EventSpike.Actors.Runtime;

/// <summary>An external incoming projection of a layer actor: its index in the engine, the source layer and the delay in steps.</summary>
public sealed record LayerInput(int Projection, int SourceLayer, int DelaySteps);
