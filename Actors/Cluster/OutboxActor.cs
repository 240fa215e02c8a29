using Akka.Actor;
using Akka.Event;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// One per node and run: gathers the window outputs of the node's layers and sends each bundle (the
/// layers that share a destination node, see <see cref="BundlePlanner"/>) as one
/// <see cref="NodeBundle"/> per window once all its members have finished that window. Members send
/// their windows in order, so bundles leave in window order. It counts what it sends.
/// The bundle to the coordinator (recordings and the layers' reports) is held back and sent for
/// <see cref="HostLayers.ReportEvery"/> windows at once, or as soon as one of its layers has done the last
/// window it was granted (it waits for the scheduler then; the inbox forwards each <see cref="NodeGrants"/>
/// here). The run's credit is at least <see cref="HostLayers.ReportEvery"/>, so a layer waiting on another's
/// output never waits on a report held here: no window waits for the coordinator, and the coordinator's
/// messages per window fall by that factor.
/// </summary>
public sealed class OutboxActor : ReceiveActor
{
    private readonly string _node;
    private Dictionary<int, List<OutboxRoute>> _routes = new();
    private IReadOnlyList<OutboxTarget> _bundles = [];
    private readonly Dictionary<(int Bundle, long Window), List<BundledBatch>> _filling = new();
    private readonly Dictionary<string, (long Messages, long Bytes, long Raw, long Batches)> _sent = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _granted = new();
    private readonly Dictionary<int, (long First, int Windows, List<BundledBatch> Items)> _held = new();
    private readonly int _reportEvery;
    private readonly Dictionary<int, IActorRef> _links = new();

    public OutboxActor(string node, int reportEvery = 1)
    {
        _node = node;
        _reportEvery = Math.Max(1, reportEvery);
        Receive<OutboxPlan>(plan =>
        {
            _routes = plan.Routes.GroupBy(r => r.Layer).ToDictionary(g => g.Key, g => g.ToList());
            _bundles = plan.Bundles;
            Connect();
        });
        Receive<NodeGrants>(grants =>
        {
            for (var i = 0; i < grants.Layers.Length; i++)
                _granted[grants.Layers[i]] = Math.Max(_granted.GetValueOrDefault(grants.Layers[i], -1), grants.Windows[i]);
        });
        Receive<LayerOutput>(OnOutput);
        Receive<LinkBroken>(OnLinkBroken);
        Receive<TrafficQuery>(_ => Sender.Tell(new TrafficReport(_node,
            _sent.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new TrafficEntry(p.Key, p.Value.Messages, p.Value.Bytes, p.Value.Raw, p.Value.Batches)).ToList())));
    }

    public static Props Props(string node, int reportEvery = 1) => Akka.Actor.Props.Create(() => new OutboxActor(node, reportEvery));

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
            if (target.Node == BundlePlanner.Coordinator && _reportEvery > 1) Hold(route.Bundle, output.Window, items);
            else Send(route.Bundle, output.Window, items);
        }
    }

    /// <summary>One <see cref="SpikeLink"/> per destination node that takes them, shared by the bundles to it.</summary>
    private void Connect()
    {
        var materializer = Akka.Streams.ActorMaterializer.Create(Context);
        var byNode = new Dictionary<(string, int), IActorRef>();
        for (var i = 0; i < _bundles.Count; i++)
        {
            var t = _bundles[i];
            if (t.LinkHost is null || t.LinkPort <= 0) continue;
            if (!byNode.TryGetValue((t.LinkHost, t.LinkPort), out var link))
            {
                var (self, host, port) = (Self, t.LinkHost, t.LinkPort);
                byNode[(host, port)] = link = SpikeLink.Connect(Context.System, materializer, host, port, why => self.Tell(new LinkBroken(host, port, why)));
            }
            _links[i] = link;
        }
    }

    /// <summary>
    /// A link broke (its node died, most likely): later bundles to that node go by remoting, and whether the node is lost
    /// is the failure detector's call, as without links (the run then fails or resumes from a checkpoint).
    /// </summary>
    private void OnLinkBroken(LinkBroken broken)
    {
        Context.GetLogger().Warning("spike link to {0}:{1} broke ({2}); bundles to it go by remoting", broken.Host, broken.Port, broken.Reason);
        foreach (var i in Enumerable.Range(0, _bundles.Count).Where(i => _bundles[i].LinkHost == broken.Host && _bundles[i].LinkPort == broken.Port))
            _links.Remove(i);
    }

    private sealed record LinkBroken(string Host, int Port, string Reason);

    /// <summary>Adds a window of the coordinator's bundle to those held; sends them when enough are held or a member waits for a grant.</summary>
    private void Hold(int bundle, long window, List<BundledBatch> items)
    {
        if (!_held.TryGetValue(bundle, out var held)) held = (window, 0, new List<BundledBatch>());
        held.Items.AddRange(items);
        held = held with { Windows = held.Windows + 1 };
        var waits = items.Any(i => i.Report is { } r && r.Window >= _granted.GetValueOrDefault(r.Layer, -1));
        if (held.Windows < _reportEvery && !waits)
        {
            _held[bundle] = held;
            return;
        }
        _held.Remove(bundle);
        Send(bundle, held.First, held.Items);
    }

    private void Send(int index, long window, List<BundledBatch> items)
    {
        var target = _bundles[index];
        var bundle = NodeBundle.Pack(window, items.ToArray(), out var raw);
        if (_links.TryGetValue(index, out var link)) link.Tell(SpikeLink.Encode(bundle));
        else target.Inbox.Tell(bundle);
        _sent.TryGetValue(target.Node, out var s);
        _sent[target.Node] = (s.Messages + 1, s.Bytes + bundle.Payload.Length, s.Raw + raw, s.Batches + items.Count);
    }
}
