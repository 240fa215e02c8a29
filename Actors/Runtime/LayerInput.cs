using EventSpike.Routing.Network;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// An incoming connection of a layer actor delivered by message: the engine projection it feeds,
/// the source layer, the delay in steps, and the source's first row in the projection's table (a
/// source shard's offset in its whole layer; 0 otherwise). Inputs of one projection from several
/// source shards come in shard order, which is the order they must be delivered in.
/// </summary>
public sealed record LayerInput(int Projection, int SourceLayer, int DelaySteps, int RowOffset = 0)
{
    /// <summary>The message-delivered inputs of <paramref name="layer"/> in <paramref name="network"/>, in delivery order.</summary>
    public static IReadOnlyList<LayerInput> Of(CompiledNetwork network, int layer) =>
        network.ProjectionsOf(layer).SelectMany((group, projection) => group.Where(c => !c.Recurrent)
            .Select(c => new LayerInput(projection, c.From, c.DelaySteps, c.SourceOffset))).ToList();
}
