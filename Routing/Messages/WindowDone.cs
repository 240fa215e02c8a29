namespace EventSpike.Routing.Messages;

/// <summary>
/// Layer → scheduler: window <paramref name="Window"/> is computed and its spikes sent.
/// <paramref name="ComputeSeconds"/> is the time spent integrating it; <paramref name="WaitSeconds"/>
/// the time between the grant and the moment its inputs were all in; <paramref name="Queued"/> the
/// sender batches still waiting in the layer (a measure of how far its senders run ahead);
/// <paramref name="BatchBytes"/> the payload of the batch it sent each consumer.
/// </summary>
public sealed record WindowDone(int Layer, long Window, int Spikes, double ComputeSeconds, double WaitSeconds, int Queued = 0, int BatchBytes = 0);
