using Akka.Actor;
using EventSpike.Actors.Messages;
using EventSpike.Actors.Runtime;

namespace EventSpike.Actors.Checkpoints;

/// <summary>
/// Gathers, for each checkpoint boundary, the state of every layer and the recorder's journal mark,
/// then writes the checkpoint. Runs on its own so that writing never holds up a layer.
/// </summary>
public sealed class CheckpointActor : ReceiveActor
{
    private readonly Dictionary<long, List<LayerState>> _layers = new();
    private readonly Dictionary<long, long> _journal = new();

    public CheckpointActor(CheckpointStore store, int layerCount, int windowSteps, IActorRef scheduler, Action<string>? written)
    {
        Receive<LayerCheckpointed>(m =>
        {
            if (!_layers.TryGetValue(m.Window, out var list)) _layers[m.Window] = list = new List<LayerState>();
            list.Add(m.State);
            TryWrite(m.Window);
        });
        Receive<RecorderCheckpointed>(m =>
        {
            _journal[m.Window] = m.JournalBytes;
            TryWrite(m.Window);
        });

        void TryWrite(long window)
        {
            if (!_layers.TryGetValue(window, out var list) || list.Count < layerCount || !_journal.TryGetValue(window, out var bytes)) return;
            _layers.Remove(window);
            _journal.Remove(window);
            var checkpoint = new Checkpoint(Checkpoint.CurrentVersion, window, window * windowSteps, windowSteps,
                list.OrderBy(l => l.Layer).ToArray(), bytes);
            try
            {
                var path = store.Save(checkpoint);
                written?.Invoke(path);
                scheduler.Tell(new CheckpointWritten(window, path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                scheduler.Tell(new RunFailed($"the checkpoint at step {checkpoint.Step} could not be written: {e.Message}", checkpoint.Step));
            }
        }
    }

    public static Props Props(CheckpointStore store, int layerCount, int windowSteps, IActorRef scheduler, Action<string>? written) =>
        ActorFactory.Props(() => new CheckpointActor(store, layerCount, windowSteps, scheduler, written));
}
