namespace EventSpike.Routing.Nir;

/// <summary>A network cannot be written as NIR: the message names every layer with no NIR equivalent and why.</summary>
public sealed class NirExportException(string message) : Exception(message);
