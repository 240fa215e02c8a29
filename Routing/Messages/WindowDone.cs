namespace EventSpike.Routing.Messages;

/// <summary>
/// Layer → scheduler: window <paramref name="Window"/> is computed and its spikes sent.
/// <paramref name="ComputeSeconds"/> is the time spent integrating it; <paramref name="WaitSeconds"/>
/// the time between the grant and the moment its inputs were all in.
/// </summary>
public sealed record WindowDone(int Layer, long Window, int Spikes, double ComputeSeconds, double WaitSeconds);
