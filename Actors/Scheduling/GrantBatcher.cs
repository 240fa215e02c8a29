using Akka.Actor;
using EventSpike.Actors.Cluster;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Scheduling;

/// <summary>
/// Carries grants to the layers: one <see cref="WindowGranted"/> each in one process; on a cluster the
/// grants of one scheduler step gathered into one <see cref="NodeGrants"/> message per node (via the
/// node's inbox), counted per node. On a cluster a node's grants wait until they are worth a message: until
/// one of its layers would get at least as many new windows as it still has granted and not reported
/// (so a layer hears from the scheduler about every half credit, not every window), or has reported every
/// window it was sent (it waits: sent at once). Nodes report windows in batches (<see cref="OutboxActor"/>),
/// so this keeps the grants to one message per such batch, and no layer ever waits on a grant held here.
/// </summary>
public sealed class GrantBatcher
{
    private readonly Dictionary<IActorRef, List<int>> _due = new();
    private readonly Dictionary<string, long> _messages = new(StringComparer.Ordinal);
    private IReadOnlyList<IActorRef> _layers = [];
    private IReadOnlyList<IActorRef>? _inboxes;
    private IReadOnlyList<long> _done = [];
    private long[] _pending = [];
    private long[] _sent = [];

    public void Start(IReadOnlyList<IActorRef> layers) => _layers = layers;

    /// <summary>Cluster runs: each layer's node inbox, and the windows each layer has reported done (read at each flush).</summary>
    public void RouteVia(IReadOnlyList<IActorRef> inboxes, IReadOnlyList<long> done)
    {
        _inboxes = inboxes;
        _done = done;
        _pending = Enumerable.Repeat(-1L, inboxes.Count).ToArray();
        _sent = Enumerable.Repeat(-1L, inboxes.Count).ToArray();
    }

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
        if (_pending[layer] <= _sent[layer]) pending.Add(layer);
        _pending[layer] = Math.Max(_pending[layer], window);
    }

    /// <summary>Sends what <see cref="Grant"/> gathered and is worth sending now: one message per node.</summary>
    public void Flush()
    {
        foreach (var (inbox, due) in _due)
        {
            if (due.Count == 0 || !due.Any(Worth)) continue;
            inbox.Tell(new NodeGrants(due.ToArray(), due.Select(l => _pending[l]).ToArray()));
            foreach (var l in due) _sent[l] = _pending[l];
            var node = inbox.Path.Address.ToString();
            _messages[node] = _messages.GetValueOrDefault(node) + 1;
            due.Clear();
        }
    }

    /// <summary>Whether layer <paramref name="l"/>'s new grant is worth a message: it waits, or it gains at least what it still has.</summary>
    private bool Worth(int l) => _done[l] >= _sent[l] || _pending[l] - _sent[l] >= _sent[l] - _done[l];
}
