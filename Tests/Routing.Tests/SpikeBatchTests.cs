using EventSpike.Routing.Messages;
using MessagePack;
using Xunit;

namespace EventSpike.Routing.Tests;

public class SpikeBatchTests
{
    [Fact]
    public void Round_trips_through_MessagePack()
    {
        var batch = new SpikeBatch(3, 400, 4, [0, 2, 2, 3, 5], [1, 7, 7, 0, 9]);
        var copy = MessagePackSerializer.Deserialize<SpikeBatch>(MessagePackSerializer.Serialize(batch));
        Assert.Equal(batch.SourceLayer, copy.SourceLayer);
        Assert.Equal(batch.StartStep, copy.StartStep);
        Assert.Equal(batch.Steps, copy.Steps);
        Assert.Equal(batch.StepPtr, copy.StepPtr);
        Assert.Equal(batch.Neurons, copy.Neurons);
    }

    [Fact]
    public void At_gives_the_spikes_of_one_step()
    {
        var batch = new SpikeBatch(0, 0, 3, [0, 2, 2, 3], [4, 5, 6]);
        Assert.Equal([4, 5], batch.At(0).ToArray());
        Assert.Empty(batch.At(1).ToArray());
        Assert.Equal([6], batch.At(2).ToArray());
        Assert.Equal(0, SpikeBatch.Empty(0, 0, 5).Count);
    }
}
