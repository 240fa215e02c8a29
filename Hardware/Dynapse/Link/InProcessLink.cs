namespace EventSpike.Hardware.Dynapse.Link;

/// <summary>The chip model in this process: each call runs on the thread pool and completes asynchronously.</summary>
public sealed class InProcessLink : IDeviceLink
{
    private BoardSimulator? _board;

    public string Name => "local";

    public LinkStats Stats { get; } = new();

    public Task ConfigureAsync(BoardConfig config, CancellationToken cancel = default) =>
        Task.Run(() => { _board = new BoardSimulator(config); }, cancel);

    public Task<DeviceWindow> RunAsync(DeviceWindow input, int substeps, CancellationToken cancel = default)
    {
        var board = _board ?? throw new InvalidOperationException("the board is not configured");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        return Task.Run(() =>
        {
            var (ptr, neurons) = board.RunWindow(input.StepPtr, input.Channels, input.Steps, substeps);
            Stats.Record(started, input.Events, neurons.Length);
            return new DeviceWindow(input.Steps, ptr, neurons);
        }, cancel);
    }

    public Task ResetAsync(CancellationToken cancel = default)
    {
        _board?.Reset();
        return Task.CompletedTask;
    }

    public void Dispose() => _board = null;
}
