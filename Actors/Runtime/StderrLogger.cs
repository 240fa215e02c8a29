using Akka.Actor;
using Akka.Event;

namespace EventSpike.Actors.Runtime;

/// <summary>Akka's log goes to stderr (one line per event), never to stdout, which carries results (bench JSON, inspect).</summary>
public sealed class StderrLogger : ReceiveActor
{
    public StderrLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Error.WriteLine($"[{e.LogLevel().ToString().Replace("Level", "").ToLowerInvariant()}] {e.LogSource}: {e.Message}"));
    }
}
