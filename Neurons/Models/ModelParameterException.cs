namespace EventSpike.Neurons.Models;

/// <summary>A layer parameter is missing, malformed or out of range; <see cref="Parameter"/> names it.</summary>
public sealed class ModelParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
