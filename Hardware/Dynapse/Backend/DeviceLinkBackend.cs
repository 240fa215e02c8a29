using EventSpike.Actors.Hosting;
using EventSpike.Actors.Runtime;
using EventSpike.Hardware.Dynapse.Link;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;

namespace EventSpike.Hardware.Dynapse.Backend;

/// <summary>
/// The window backend of a layer on a board — what makes the layer actor the hardware actor: sender
/// batches go into an engine whose model only records them (<see cref="InputCapture"/>), the window's
/// events go to the device link (split in halves while a part exceeds the FPGA's events per transfer),
/// and the board's output comes back as the layer's spike batch, stamped in the network's steps. The task
/// is pending while the board works, so the actor keeps serving; one window at a time.
/// Checkpoints are refused: a board's analog state cannot be read back.
/// </summary>
public sealed class DeviceLinkBackend : IWindowBackend
{
    private readonly LayerEngine _engine;
    private readonly InputCapture _capture;
    private readonly IDeviceLink _link;
    private readonly int _substeps, _maxEvents;

    public DeviceLinkBackend(Routing.Network.CompiledNetwork network, int layer, Layers.BoardLayer model, IDeviceLink link)
    {
        _capture = new InputCapture(model);
        _engine = network.CreateEngine(layer, model: _capture);
        _link = link;
        _substeps = model.Substeps;
        _maxEvents = model.MaxEventsPerTransfer;
    }

    public IDeviceLink Link => _link;

    public SignalKind OutputKind => SignalKind.Spikes;

    public bool IsSource => false;

    public long Step => _engine.Step;

    public void Deliver(LayerInput input, SpikeBatch batch) =>
        _engine.Deliver(input.Projection, batch.StartStep, batch.StepPtr, batch.Neurons, input.RowOffset);

    public void Deliver(LayerInput input, ContinuousBatch batch) =>
        throw new InvalidOperationException("a board layer takes spikes only");

    public ValueTask<WindowResult> ComputeAsync(int layer, long startStep, int steps)
    {
        if (startStep != _engine.Step) throw new InvalidOperationException($"layer {layer} is at step {_engine.Step}, asked for {startStep}");
        _engine.Evolve(steps);
        var input = _capture.Take();
        return new ValueTask<WindowResult>(RunAsync(layer, startStep, input));
    }

    private async Task<WindowResult> RunAsync(int layer, long startStep, DeviceWindow input)
    {
        var parts = new List<DeviceWindow>();
        await SendHalving(input, 0, input.Steps, parts).ConfigureAwait(false);
        var output = DeviceWindow.Concat(parts);
        var batch = new SpikeBatch(layer, startStep, input.Steps, output.StepPtr, output.Channels);
        return new WindowResult(batch, [], new WindowCounts(input.Events, (long)_capture.Size * input.Steps));
    }

    /// <summary>RecDynapSE's batching: a part above the FPGA's events per transfer is split into halves.</summary>
    private async Task SendHalving(DeviceWindow input, int a, int b, List<DeviceWindow> parts)
    {
        var events = input.StepPtr[b] - input.StepPtr[a];
        if (events > _maxEvents && b - a > 1)
        {
            var mid = a + (b - a) / 2;
            await SendHalving(input, a, mid, parts).ConfigureAwait(false);
            await SendHalving(input, mid, b, parts).ConfigureAwait(false);
            return;
        }
        if (events > _maxEvents)
            throw new FpgaLimitException($"{events} input events in one step exceed the FPGA's {_maxEvents} events per transfer");
        parts.Add(await _link.RunAsync(a == 0 && b == input.Steps ? input : input.Slice(a, b), _substeps).ConfigureAwait(false));
    }

    public EngineSnapshot Snapshot() =>
        throw new NotSupportedException("checkpoints are not available for a layer on a DYNAP-SE board (its state cannot be read back)");

    public void Restore(EngineSnapshot snapshot) => Snapshot();

    public void Reset(long step = 0)
    {
        _engine.Reset(step);
        _capture.Take();
        _link.ResetAsync().GetAwaiter().GetResult();
    }

    public void Dispose() => _link.Dispose();
}
