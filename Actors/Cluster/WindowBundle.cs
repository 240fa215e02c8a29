namespace EventSpike.Actors.Cluster;

/// <summary>Layers of node <paramref name="From"/> whose window outputs for node <paramref name="To"/> travel as one message per window.</summary>
public sealed record WindowBundle(string From, string To, IReadOnlyList<int> Members);
