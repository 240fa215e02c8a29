namespace EventSpike.Actors.Hosting;

/// <summary>A layer cannot run on the backend chosen for it (a model it lacks, a hardware limit): bad input, exit 2.</summary>
public sealed class BackendLimitException(string message) : Exception(message);
