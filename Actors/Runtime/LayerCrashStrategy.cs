using Akka.Actor;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// How a layer's supervisor takes a crash (any exception that escapes a layer actor's handlers, out of
/// memory included): a restarted layer would have lost its windows and stall the run until the watchdog,
/// so the layer is stopped and <paramref name="crashed"/> is told which child failed and why (it fails the
/// run at once, naming the layer).
/// </summary>
public sealed class LayerCrashStrategy(Action<IActorRef, Exception> crashed) : OneForOneStrategy(0, 0, _ => Directive.Stop, loggingEnabled: false)
{
    /// <summary>The run's failure message when <paramref name="what"/> (e.g. <c>layer 'res'</c>) crashed.</summary>
    public static string Describe(string what, Exception cause) =>
        $"{what} crashed: {cause.GetBaseException().GetType().Name}: {cause.GetBaseException().Message}";

    protected override Directive Handle(IActorRef child, Exception exception)
    {
        crashed(child, exception);
        return Directive.Stop;
    }
}
