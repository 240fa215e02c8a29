using Akka.Actor;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// One per node and run: unpacks each <see cref="NodeBundle"/> and hands every batch to its target
/// layers on this node (or to the recorder, on the coordinator), in the bundle's order. One actor per
/// node keeps each sending layer's windows in order.
/// </summary>
public sealed class InboxActor : ReceiveActor
{
    public InboxActor(IReadOnlyDictionary<int, IActorRef> layers, IActorRef? recorder)
    {
        Receive<NodeBundle>(bundle =>
        {
            foreach (var item in bundle.Unpack())
            {
                object? batch = (object?)item.Spikes ?? item.Samples;
                foreach (var target in item.Targets)
                {
                    var to = target == BundledBatch.Recorder ? recorder : layers.GetValueOrDefault(target);
                    if (batch is not null) to?.Tell(batch);
                }
                if (recorder is not null)
                    foreach (var probe in item.Probes) recorder.Tell(probe);
            }
        });
    }

    public static Props Props(IReadOnlyDictionary<int, IActorRef> layers, IActorRef? recorder) =>
        Akka.Actor.Props.Create(() => new InboxActor(layers, recorder));
}
