using EventSpike.Actors.Checkpoints;
using MessagePack;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>A checkpoint store reads back only the checkpoints of its own run.</summary>
public class CheckpointRunIdTests
{
    [Fact]
    public void A_store_never_returns_another_runs_checkpoint_however_new()
    {
        var folder = Path.Combine(TempDir(), "checkpoints");
        new CheckpointStore(folder, "run-a").Save(new Checkpoint(Checkpoint.CurrentVersion, 9, 90, 10, [], 0));
        var mine = new CheckpointStore(folder, "run-b");
        Assert.Null(mine.Newest());
        Assert.Single(mine.Foreign());
        mine.Save(new Checkpoint(Checkpoint.CurrentVersion, 2, 20, 10, [], 0));
        var newest = mine.Newest();
        Assert.NotNull(newest);
        Assert.Equal(20, newest.Value.Checkpoint.Step);
        Assert.Equal("run-b", newest.Value.Checkpoint.RunId);
    }

    [Fact]
    public void A_checkpoint_written_before_runs_had_ids_still_loads_for_a_manifest_without_one()
    {
        var folder = Path.Combine(TempDir(), "checkpoints");
        Directory.CreateDirectory(folder);
        // The old layout: six fields, no run id.
        var old = MessagePackSerializer.Serialize(new object[] { Checkpoint.CurrentVersion, 3L, 30L, 10, Array.Empty<LayerState>(), 123L });
        File.WriteAllBytes(Path.Combine(folder, "ckpt-000000000030.msgpack"), old);
        var newest = new CheckpointStore(folder).Newest();
        Assert.NotNull(newest);
        Assert.Equal(123, newest.Value.Checkpoint.JournalBytes);
        Assert.Null(newest.Value.Checkpoint.RunId);
        Assert.Null(new CheckpointStore(folder, "a-new-run").Newest());
    }
}
