namespace EventSpike.Routing.Nir;

/// <summary>A NIR file or graph is unreadable or inconsistent; the message names the file, the node (its path in the graph) and the field.</summary>
public sealed class NirFormatException(string message, Exception? inner = null) : Exception(message, inner);
