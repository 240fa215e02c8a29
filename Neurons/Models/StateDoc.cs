namespace EventSpike.Neurons.Models;

/// <summary>
/// A state variable a probe can record (one of the model's <see cref="ILayerModel.StateNames"/>):
/// its name, unit and meaning.
/// </summary>
public sealed record StateDoc(string Name, string Unit, string Meaning);
