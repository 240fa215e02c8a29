using Akka.Actor;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// Props that make an actor by calling a constructor delegate. Akka's <c>Props.Create(() =&gt; new T(...))</c> takes an
/// expression tree and compiles every argument of it at run time (and later creates the actor by reflection): a run
/// that makes a dozen actors paid that, and the JIT compiling the expression compiler's code again while the first
/// windows computed. A delegate costs nothing of the kind. The props are for this process only (not for remote deployment).
/// </summary>
public static class ActorFactory
{
    /// <summary>Props whose actor is <paramref name="make"/>().</summary>
    public static Props Props<T>(Func<T> make) where T : ActorBase => Akka.Actor.Props.CreateBy(new Producer<T>(make));

    private sealed class Producer<T>(Func<T> make) : IIndirectActorProducer where T : ActorBase
    {
        public Type ActorType => typeof(T);

        public ActorBase Produce() => make();

        public void Release(ActorBase actor)
        {
        }
    }
}
