using EventSpike.Actors.Checkpoints;
using EventSpike.Actors.Runtime;
using MessagePack;
using Xunit;

namespace EventSpike.Actors.Tests;

public class CheckpointTests
{
    internal static string TempDir() => Directory.CreateTempSubdirectory("eventspike-ckpt").FullName;

    [Fact]
    public async Task Resuming_from_any_checkpoint_gives_the_spikes_of_an_uninterrupted_run()
    {
        // 0.2 s in windows of 0.5 ms (5 steps: the res ↔ out cycle has delays 0.7 ms and 2 ms) = 400 windows.
        var reference = new CollectingSink();
        Assert.True((await LocalRunner.RunAsync(LocalRunnerTests.Reservoir(5, 0.0005), reference, new RunOptions())).Succeeded);

        var folder = TempDir();
        var store = new CheckpointStore(folder);
        var written = new List<string>();
        var withCheckpoints = new CollectingSink();
        var result = await LocalRunner.RunAsync(LocalRunnerTests.Reservoir(5, 0.0005), withCheckpoints,
            new RunOptions(Threads: 2) { CheckpointStore = store, CheckpointEveryWindows = 37, CheckpointWritten = p => { lock (written) written.Add(p); } });
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(reference.Spikes, withCheckpoints.Spikes);
        Assert.Equal(10, written.Count); // windows 37, 74, ..., 370
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

        foreach (var path in new[] { written[0], written[4], written[^1] })
        {
            var checkpoint = MessagePackSerializer.Deserialize<Checkpoint>(File.ReadAllBytes(path));
            Assert.Equal(checkpoint.Window * 5, checkpoint.Step);
            var resumed = new CollectingSink();
            resumed.Spikes.AddRange(withCheckpoints.Spikes.Take((int)checkpoint.JournalBytes));
            Assert.All(resumed.Spikes, s => Assert.True(s.Step < checkpoint.Step));
            var again = await LocalRunner.RunAsync(LocalRunnerTests.Reservoir(5, 0.0005), resumed, new RunOptions { Resume = checkpoint });
            Assert.True(again.Succeeded, again.Failure);
            Assert.Equal(reference.Spikes, resumed.Spikes);
            for (var l = 0; l < 3; l++)
                Assert.Equal(result.Completed!.Layers[l].Spikes, again.Completed!.Layers[l].Spikes);
        }
        Assert.Equal(written[^1], store.Newest()!.Value.Path);
    }

    [Fact]
    public void A_damaged_newest_checkpoint_falls_back_to_the_one_before()
    {
        var folder = TempDir();
        var store = new CheckpointStore(folder);
        store.Save(new Checkpoint(Checkpoint.CurrentVersion, 2, 20, 10, [], 0));
        var newest = store.Save(new Checkpoint(Checkpoint.CurrentVersion, 3, 30, 10, [], 0));
        File.WriteAllBytes(newest, File.ReadAllBytes(newest)[..5]);
        Assert.Equal(20, store.Newest()!.Value.Checkpoint.Step);
    }
}
