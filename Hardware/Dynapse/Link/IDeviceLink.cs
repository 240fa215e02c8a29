namespace EventSpike.Hardware.Dynapse.Link;

/// <summary>
/// The way to a board: configure it once, then run windows of input events and get the output events
/// back. Both calls complete asynchronously (the chip model on the thread pool, or a device server
/// over TCP), so a layer waiting on its board never blocks another layer. One call at a time.
/// </summary>
public interface IDeviceLink : IDisposable
{
    /// <summary>"local" or the server's address.</summary>
    string Name { get; }

    Task ConfigureAsync(BoardConfig config, CancellationToken cancel = default);

    /// <summary>Runs <paramref name="input"/>'s steps, each <paramref name="substeps"/> chip steps; returns the layer's spikes per step.</summary>
    Task<DeviceWindow> RunAsync(DeviceWindow input, int substeps, CancellationToken cancel = default);

    /// <summary>Back to rest, the configuration kept.</summary>
    Task ResetAsync(CancellationToken cancel = default);

    /// <summary>Round trips and events so far.</summary>
    LinkStats Stats { get; }
}
