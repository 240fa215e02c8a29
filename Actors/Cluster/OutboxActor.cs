using Akka.Actor;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// One per node and run: gathers the window outputs of the node's layers and sends each bundle (the
/// layers that share a destination node, see <see cref="BundlePlanner"/>) as one
/// <see cref="NodeBundle"/> per window once all its members have finished that window. Members send
/// their windows in order, so bundles leave in window order. It counts what it sends.
/// </summary>
public sealed class OutboxActor : ReceiveActor
{
    private readonly string _node;
    private Dictionary<int, List<OutboxRoute>> _routes = new();
    private IReadOnlyList<OutboxTarget> _bundles = [];
    private readonly Dictionary<(int Bundle, long Window), List<BundledBatch>> _filling = new();
    private readonly Dictionary<string, (long Messages, long Bytes, long Raw, long Batches)> _sent = new(StringComparer.Ordinal);

    public OutboxActor(string node)
    {
        _node = node;
        Receive<OutboxPlan>(plan =>
        {
            _routes = plan.Routes.GroupBy(r => r.Layer).ToDictionary(g => g.Key, g => g.ToList());
            _bundles = plan.Bundles;
        });
        Receive<LayerOutput>(OnOutput);
        Receive<TrafficQuery>(_ => Sender.Tell(new TrafficReport(_node,
            _sent.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new TrafficEntry(p.Key, p.Value.Messages, p.Value.Bytes, p.Value.Raw, p.Value.Batches)).ToList())));
    }

    public static Props Props(string node) => Akka.Actor.Props.Create(() => new OutboxActor(node));

    private void OnOutput(LayerOutput output)
    {
        if (!_routes.TryGetValue(output.Layer, out var routes)) return;
        foreach (var route in routes)
        {
            var key = (route.Bundle, output.Window);
            if (!_filling.TryGetValue(key, out var items)) _filling[key] = items = new List<BundledBatch>();
            var batch = route.Targets.Length > 0;
            items.Add(new BundledBatch(route.Targets, batch ? output.Batch as SpikeBatch : null, batch ? output.Batch as ContinuousBatch : null,
                route.Probes ? output.Probes.ToArray() : []) { Report = route.Report ? output.Report : null });
            var target = _bundles[route.Bundle];
            if (items.Count < target.Members) continue;
            _filling.Remove(key);
            var bundle = NodeBundle.Pack(output.Window, items.ToArray(), out var raw);
            target.Inbox.Tell(bundle);
            _sent.TryGetValue(target.Node, out var s);
            _sent[target.Node] = (s.Messages + 1, s.Bytes + bundle.Payload.Length, s.Raw + raw, s.Batches + items.Count);
        }
    }
}
