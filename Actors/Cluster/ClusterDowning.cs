using Akka.Actor;

namespace EventSpike.Actors.Cluster;

/// <summary>Starts EventSpike's downing policy (<see cref="UnreachableDowning"/>) on a node.</summary>
public static class ClusterDowning
{
    /// <summary>Starts the policy on <paramref name="system"/> unless its HOCON turns it off.</summary>
    public static void Start(ActorSystem system)
    {
        var config = system.Settings.Config;
        if (!config.HasPath(UnreachableDowning.Setting) || config.GetString(UnreachableDowning.Setting) is "off" or "") return;
        system.ActorOf(UnreachableDowning.Props(config.GetTimeSpan(UnreachableDowning.Setting)), "down-unreachable");
    }
}
