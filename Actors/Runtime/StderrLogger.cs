using Akka.Actor;
using Akka.Event;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// Akka's log goes to stderr (one line per event), never to stdout, which carries results (bench JSON, inspect).
/// Unless <c>eventspike.log.verbose</c> is on (<c>--verbose</c>), the remote lifecycle messages a node logs
/// when a peer goes away (association failed, "Disassociated", with a stack trace) are left out: a cluster
/// run that ends well makes every worker see its coordinator go, and node loss is reported by EventSpike's
/// own downing and the run's exit code, not by these lines.
/// </summary>
public sealed class StderrLogger : UntypedActor
{
    /// <summary>The HOCON that <c>--verbose</c> adds: Akka at INFO, nothing left out.</summary>
    public const string VerboseHocon = "eventspike.log.verbose = on\nakka.loglevel = INFO\n";

    private readonly bool _verbose;

    public StderrLogger() => _verbose = Context.System.Settings.Config.GetBoolean("eventspike.log.verbose", false);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                break;
            case LogEvent e:
                if (!_verbose && IsRemoteLifecycle(e)) return;
                Console.Error.WriteLine($"[{e.LogLevel().ToString().Replace("Level", "").ToLowerInvariant()}] {e.LogSource}: {e.Message}");
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>
    /// An endpoint's report that a peer disassociated or its association failed, or the transport's note,
    /// while shutting down, that it could not remove a closed channel from its group.
    /// </summary>
    public static bool IsRemoteLifecycle(LogEvent e)
    {
        var source = e.LogSource ?? "";
        var m = e.Message?.ToString() ?? "";
        if (source.StartsWith("TcpServerHandler", StringComparison.Ordinal)) return m.Contains("Unable to REMOVE channel", StringComparison.Ordinal);
        return source.Contains("/system/endpointManager/", StringComparison.Ordinal)
            && (m.Contains("Disassociated", StringComparison.Ordinal) || m.Contains("Association with remote system", StringComparison.Ordinal)
                || m.Contains("EndpointDisassociatedException", StringComparison.Ordinal));
    }
}
