namespace EventSpike.Host.Cli;

/// <summary>Bad input (usage, a file, an option): exit code 2 with this one-line message on stderr.</summary>
public sealed class InputException(string message) : Exception(message);
