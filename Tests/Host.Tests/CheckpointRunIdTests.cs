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

    [Fact]
    public void Resume_refuses_with_exit_2_when_the_checkpoints_are_of_another_run()
    {
        var net = Path.Combine(TempDir(), "net.json");
        File.WriteAllText(net, """
            { "dt": 0.0001, "duration": 0.02, "seed": 1,
              "layers": [ { "name": "x", "type": "LIF", "size": 2, "params": { "bias": [1.8, 1.3], "v_rest": 0, "v_reset": 0, "v_thresh": 1 } } ] }
            """);
        var dir = TempDir();
        var first = Run("run", net, "--out", dir, "--no-plot", "--checkpoint-every", "0.005");
        Assert.True(first.Code == 0, first.Err);
        var manifest = Path.Combine(dir, "checkpoints", "run.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest))!;
        Assert.Equal(32, json["run_id"]!.GetValue<string>().Length);
        json["run_id"] = "another-run";
        File.WriteAllText(manifest, json.ToJsonString());
        var spikes = File.ReadAllBytes(Path.Combine(dir, "spikes.csv"));

        var (code, _, err) = Run("run", "--resume", dir, "--no-plot");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --resume ", err);
        Assert.Contains("belong to another run", err);
        Assert.Equal(spikes, File.ReadAllBytes(Path.Combine(dir, "spikes.csv"))); // nothing written was touched
    }
}
