using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace EventSpike.Hardware.Dynapse.Link;

/// <summary>
/// A link to <c>eventspike device-server</c> over TCP (docs/device-protocol.md): one request frame, one
/// reply frame, awaited asynchronously. An error frame becomes a <see cref="DeviceException"/> carrying the
/// server's code and words; a lost connection too.
/// </summary>
public sealed class TcpDeviceLink : IDeviceLink
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private int _inputs;

    private TcpDeviceLink(DeviceAddress address, TcpClient client)
    {
        Address = address;
        _client = client;
        _stream = client.GetStream();
    }

    public DeviceAddress Address { get; }

    public string Name => Address.ToString();

    public LinkStats Stats { get; } = new();

    /// <summary>Connects within <paramref name="timeout"/>; an unreachable server is a <see cref="DeviceException"/> naming it.</summary>
    public static async Task<TcpDeviceLink> ConnectAsync(DeviceAddress address, TimeSpan timeout, CancellationToken cancel = default)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            limit.CancelAfter(timeout);
            await client.ConnectAsync(address.Host, address.Port, limit.Token).ConfigureAwait(false);
            return new TcpDeviceLink(address, client);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            client.Dispose();
            throw new DeviceException($"no device server at {address} ({(e is OperationCanceledException ? "timed out" : e.Message)}); start one with `eventspike device-server --port {address.Port}`");
        }
    }

    public async Task ConfigureAsync(BoardConfig config, CancellationToken cancel = default)
    {
        var json = Encoding.UTF8.GetBytes(BoardConfigJson.ToJson(config).ToJsonString());
        var reply = await RequestAsync(DeviceProtocol.Configure, json, DeviceProtocol.Configured, cancel).ConfigureAwait(false);
        if (reply.Length != 8) throw new DeviceException("the server's Configured frame is malformed");
        _inputs = config.VirtualInputs.Length;
    }

    public async Task<DeviceWindow> RunAsync(DeviceWindow input, int substeps, CancellationToken cancel = default)
    {
        var started = Stopwatch.GetTimestamp();
        var reply = await RequestAsync(DeviceProtocol.Run, DeviceProtocol.Events(input, substeps), DeviceProtocol.Output, cancel).ConfigureAwait(false);
        DeviceWindow output;
        try { output = DeviceProtocol.ReadEvents(reply, int.MaxValue, output: true).Window; }
        catch (FormatException e) { throw new DeviceException($"the server's Output frame is malformed: {e.Message}"); }
        if (output.Steps != input.Steps) throw new DeviceException($"the server answered {output.Steps} steps for {input.Steps}");
        Stats.Record(started, input.Events, output.Events);
        return output;
    }

    public Task ResetAsync(CancellationToken cancel = default) => RequestAsync(DeviceProtocol.Reset, [], DeviceProtocol.ResetDone, cancel);

    /// <summary>The server's status object (JSON text).</summary>
    public async Task<string> StatusAsync(CancellationToken cancel = default) =>
        Encoding.UTF8.GetString(await RequestAsync(DeviceProtocol.Status, [], DeviceProtocol.StatusReply, cancel).ConfigureAwait(false));

    private async Task<byte[]> RequestAsync(byte type, byte[] payload, byte expected, CancellationToken cancel)
    {
        try
        {
            await _stream.WriteAsync(DeviceProtocol.Frame(type, payload), cancel).ConfigureAwait(false);
            var frame = await DeviceProtocol.ReadFrameAsync(_stream, cancel).ConfigureAwait(false)
                ?? throw new DeviceException($"the device server at {Address} closed the connection");
            if (frame.Type == DeviceProtocol.Error)
            {
                var code = frame.Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(frame.Payload) : (ushort)0;
                var text = frame.Payload.Length > 2 ? Encoding.UTF8.GetString(frame.Payload, 2, frame.Payload.Length - 2) : "";
                throw new DeviceException($"device server at {Address}: {text}", code);
            }
            if (frame.Version != DeviceProtocol.Version || frame.Type != expected)
                throw new DeviceException($"the device server at {Address} answered frame type 0x{frame.Type:X2} (version {frame.Version}); expected 0x{expected:X2}");
            return frame.Payload;
        }
        catch (Exception e) when (e is IOException or SocketException or FormatException or EndOfStreamException)
        {
            throw new DeviceException($"the link to the device server at {Address} failed: {e.Message}");
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
