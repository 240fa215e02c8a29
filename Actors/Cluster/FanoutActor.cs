using Akka.Actor;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// On every worker (<c>/user/agent/fanout</c>): receives one batch for several local consumers and
/// hands it to each, keeping the original sender, so a batch crosses the network once per node
/// pair instead of once per consumer. One actor per node keeps each sender's batches in order.
/// </summary>
public sealed class FanoutActor : ReceiveActor
{
    public const string Name = "fanout";

    public FanoutActor()
    {
        Receive<FanoutSpikes>(f =>
        {
            foreach (var target in f.Targets) target.Tell(f.Batch, Sender);
        });
        Receive<FanoutSamples>(f =>
        {
            foreach (var target in f.Targets) target.Tell(f.Batch, Sender);
        });
    }
}
