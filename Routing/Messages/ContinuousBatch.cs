using MessagePack;

namespace EventSpike.Routing.Messages;

/// <summary>
/// What a continuous layer produced in one window: <c>Samples[i·Channels + c]</c> is channel c at
/// step <c>StartStep + i</c>, for <see cref="Steps"/> steps. Immutable.
/// </summary>
[MessagePackObject]
public sealed record ContinuousBatch(
    [property: Key(0)] int SourceLayer,
    [property: Key(1)] long StartStep,
    [property: Key(2)] int Steps,
    [property: Key(3)] int Channels,
    [property: Key(4)] double[] Samples);
