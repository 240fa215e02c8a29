namespace EventSpike.Routing.Messages;

/// <summary>
/// Layer → scheduler: window <paramref name="Window"/> is computed and its spikes sent.
/// <paramref name="ComputeSeconds"/> is the time spent integrating it; <paramref name="WaitSeconds"/>
/// the time between the grant and the moment its inputs were all in; <paramref name="Queued"/> the
/// sender batches still waiting in the layer (a measure of how far its senders run ahead);
/// <paramref name="BatchBytes"/> the payload of the batch it sent each consumer;
/// <paramref name="SynapticEvents"/> and <paramref name="NeuronUpdates"/> what its backend counted;
/// <paramref name="StreamEnd"/>: a source whose stream has ended, the step it ended at (−1 while it goes on);
/// <paramref name="ReleasedAt"/>: when a source's events for the window were all in (a Stopwatch
/// timestamp of the layer's process; 0 when it waited for nothing outside).
/// </summary>
public sealed record WindowDone(int Layer, long Window, int Spikes, double ComputeSeconds, double WaitSeconds, int Queued = 0, int BatchBytes = 0,
    long SynapticEvents = 0, long NeuronUpdates = 0, long StreamEnd = -1, long ReleasedAt = 0);
