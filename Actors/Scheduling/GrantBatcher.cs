using Akka.Actor;
using EventSpike.Actors.Cluster;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Scheduling;

/// <summary>
/// Carries grants to the layers: one <see cref="WindowGranted"/> each in one process; on a cluster the
/// grants of one scheduler step gathered into one <see cref="NodeGrants"/> message per node (via the
/// node's inbox), counted per node.
/// </summary>
public sealed class GrantBatcher
{
    private readonly Dictionary<IActorRef, List<(int Layer, long Window)>> _due = new();
    private readonly Dictionary<string, long> _messages = new(StringComparer.Ordinal);
    private IReadOnlyList<IActorRef> _layers = [];
    private IReadOnlyList<IActorRef>? _inboxes;

    public void Start(IReadOnlyList<IActorRef> layers) => _layers = layers;

    /// <summary>Cluster runs: each layer's node inbox.</summary>
    public void RouteVia(IReadOnlyList<IActorRef> inboxes) => _inboxes = inboxes;

    /// <summary>Grant messages sent to each node (by address).</summary>
    public IReadOnlyDictionary<string, long> Messages => new Dictionary<string, long>(_messages);

    public void Grant(int layer, long window)
    {
        if (_inboxes is null)
        {
            _layers[layer].Tell(new WindowGranted(window));
            return;
        }
        if (!_due.TryGetValue(_inboxes[layer], out var pending)) _due[_inboxes[layer]] = pending = new();
        pending.Add((layer, window));
    }

    /// <summary>Sends what <see cref="Grant"/> gathered: one message per node.</summary>
    public void Flush()
    {
        foreach (var (inbox, due) in _due)
        {
            if (due.Count == 0) continue;
            inbox.Tell(new NodeGrants(due.Select(d => d.Layer).ToArray(), due.Select(d => d.Window).ToArray()));
            var node = inbox.Path.Address.ToString();
            _messages[node] = _messages.GetValueOrDefault(node) + 1;
            due.Clear();
        }
    }
}
