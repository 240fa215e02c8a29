namespace EventSpike.Neurons.Models;

/// <summary>
/// An input port as <see cref="ModelDoc"/> describes it: its name (the same, in the same order, as
/// the model's <see cref="ModelInfo.Ports"/>, which give its kind) and what arrives on it.
/// </summary>
public sealed record PortDoc(string Name, string Meaning);
