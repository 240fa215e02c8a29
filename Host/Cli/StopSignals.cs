using System.Runtime.InteropServices;

namespace EventSpike.Host.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM (what <c>timeout</c>, systemd, Docker and Slurm send) stop a command the
/// same way: the process is not killed, <see cref="Token"/> is cancelled, and the command flushes its
/// outputs (and writes a checkpoint where it stops, when checkpoints are on). The exit code then says
/// which signal it was: 130 for SIGINT, 143 for SIGTERM (128 + the signal's number).
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration? _term;
    private readonly ConsoleCancelEventHandler _onCtrlC;
    private volatile bool _terminated;

    /// <param name="cancel">A token that stops the command too (the caller's).</param>
    public StopSignals(CancellationToken cancel)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        _onCtrlC = (_, e) =>
        {
            e.Cancel = true;
            _stop.Cancel();
        };
        Console.CancelKeyPress += _onCtrlC;
        try
        {
            _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
            {
                ctx.Cancel = true;
                _terminated = true;
                _stop.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            // No SIGTERM here (e.g. a browser host): the default handling stays.
        }
    }

    /// <summary>Cancelled when a stop signal (or the caller's token) arrives.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>True once SIGTERM has arrived.</summary>
    public bool Terminated => _terminated;

    /// <summary>The exit code of an interrupted command: 143 after SIGTERM, else <paramref name="code"/> as it is.</summary>
    public int ExitCode(int code) => code == ExitCodes.Interrupted && _terminated ? ExitCodes.Terminated : code;

    public void Dispose()
    {
        Console.CancelKeyPress -= _onCtrlC;
        _term?.Dispose();
        _stop.Dispose();
    }
}
