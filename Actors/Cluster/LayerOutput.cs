using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Cluster;

/// <summary>Layer actor → its node's outbox (same process): one window's output (a spike or sample batch), its probes' samples and its report to the scheduler.</summary>
public sealed record LayerOutput(int Layer, long Window, object Batch, IReadOnlyList<ProbeBatch> Probes, WindowDone Report);
