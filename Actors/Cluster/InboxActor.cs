using Akka.Actor;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// One per node and run: unpacks each <see cref="NodeBundle"/> and hands every batch to its target
/// layers on this node (or to the recorder, on the coordinator), in the bundle's order, then the layers'
/// reports to the scheduler (on the coordinator); and hands the scheduler's <see cref="NodeGrants"/> to
/// the layers here (and to the node's outbox, which holds reports back until a layer waits for a grant).
/// One actor per node keeps each sending layer's windows in order.
/// </summary>
public sealed class InboxActor : ReceiveActor
{
    public InboxActor(IReadOnlyDictionary<int, IActorRef> layers, IActorRef? recorder, IActorRef? scheduler, IActorRef? outbox = null)
    {
        Receive<NodeGrants>(grants =>
        {
            outbox?.Tell(grants);
            for (var i = 0; i < grants.Layers.Length; i++)
                layers.GetValueOrDefault(grants.Layers[i])?.Tell(new Routing.Messages.WindowGranted(grants.Windows[i]));
        });
        Receive<NodeBundle>(bundle =>
        {
            var items = bundle.Unpack();
            foreach (var item in items)
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
            // After the recordings, so the recorder holds a window before the scheduler hears it is done.
            foreach (var item in items)
                if (item.Report is not null) scheduler?.Tell(item.Report);
        });
    }

    public static Props Props(IReadOnlyDictionary<int, IActorRef> layers, IActorRef? recorder, IActorRef? scheduler = null, IActorRef? outbox = null) =>
        Akka.Actor.Props.Create(() => new InboxActor(layers, recorder, scheduler, outbox));
}
