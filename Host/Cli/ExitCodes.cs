namespace EventSpike.Host.Cli;

/// <summary>The contract's exit codes.</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int BadInput = 2;
    public const int RunFailed = 3;
    public const int Interrupted = 130;
}
