using EventSpike.Routing.Messages;
using MessagePack;

namespace EventSpike.Actors.Checkpoints;

/// <summary>
/// One layer at a checkpoint boundary: its engine (step, state variables, random streams, input in
/// flight in the rings), the sender batches it had received but not yet delivered (with the
/// index of the input each waits for), and its totals
/// so far (spikes, seconds computing and waiting).
/// </summary>
[MessagePackObject]
public sealed record LayerState(
    [property: Key(0)] int Layer,
    [property: Key(1)] long Step,
    [property: Key(2)] Dictionary<string, double[]> State,
    [property: Key(3)] ulong[][] Random,
    [property: Key(4)] double[]?[][] Rings,
    [property: Key(5)] SpikeBatch[] PendingSpikes,
    [property: Key(6)] int[] PendingSpikeInputs,
    [property: Key(7)] ContinuousBatch[] PendingSamples,
    [property: Key(8)] int[] PendingSampleInputs,
    [property: Key(9)] long Spikes,
    [property: Key(10)] double ComputeSeconds,
    [property: Key(11)] double WaitSeconds,
    [property: Key(12)] long SynapticEvents = 0,
    [property: Key(13)] long NeuronUpdates = 0);
