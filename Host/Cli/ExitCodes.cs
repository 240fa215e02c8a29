namespace EventSpike.Host.Cli;

/// <summary>The contract's exit codes.</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int BadInput = 2;
    public const int RunFailed = 3;
    /// <summary>Interrupted by Ctrl-C (SIGINT): outputs flushed.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: handled as Ctrl-C, outputs flushed (128 + 15).</summary>
    public const int Terminated = 143;
}
