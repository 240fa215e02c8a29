using Akka.Actor;
using EventSpike.Actors.Messages;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// The parent of a local run's layer actors: it starts them (handing their references to
/// <paramref name="started"/>, in the given order) and, when one crashes, stops it and tells the scheduler
/// <see cref="RunFailed"/> naming the layer and the error, so the run fails at once instead of stalling.
/// </summary>
public sealed class LayerSupervisor : UntypedActor
{
    private readonly Dictionary<IActorRef, string> _names = new();
    private readonly IActorRef _scheduler;

    /// <param name="scheduler">The run's scheduler.</param>
    /// <param name="layers">Each layer's props, its name in messages and its actor name.</param>
    /// <param name="started">Completed with the layers' actors once they exist.</param>
    public LayerSupervisor(IActorRef scheduler, IReadOnlyList<(Props Props, string Name, string ActorName)> layers,
        TaskCompletionSource<IReadOnlyList<IActorRef>> started)
    {
        _scheduler = scheduler;
        var refs = new List<IActorRef>();
        foreach (var (props, name, actorName) in layers)
        {
            var child = Context.ActorOf(props, actorName);
            _names[child] = name;
            refs.Add(child);
        }
        started.TrySetResult(refs);
    }

    protected override void OnReceive(object message)
    {
    }

    public static Props Props(IActorRef scheduler, IReadOnlyList<(Props Props, string Name, string ActorName)> layers,
        TaskCompletionSource<IReadOnlyList<IActorRef>> started) =>
        ActorFactory.Props(() => new LayerSupervisor(scheduler, layers, started));

    protected override SupervisorStrategy SupervisorStrategy() => new LayerCrashStrategy((child, cause) =>
    {
        if (_names.TryGetValue(child, out var name)) _scheduler.Tell(new RunFailed(LayerCrashStrategy.Describe($"layer '{name}'", cause), 0));
    });
}
