using System.Net;
using System.Net.Sockets;

namespace EventSpike.Hardware.Dynapse.Link;

/// <summary>
/// <c>eventspike device-server</c>: owns emulated DYNAP-SE boards and serves the device protocol over TCP.
/// Each client gets its own board (<see cref="DeviceSession"/>), freed when it disconnects; a bad frame is
/// answered with an error frame and the client stays connected, except after a frame length outside the cap
/// (the stream cannot be resynchronised), which closes that client only. Never throws on client input.
/// </summary>
public sealed class DeviceServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly DeviceServerOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];
    private int _connected;
    private Task? _accept;

    public DeviceServer(DeviceServerOptions options)
    {
        _options = options;
        if (options.Chips is < 1 or > BoardGeometry.Chips) throw new ArgumentException($"--chips must be 1–{BoardGeometry.Chips}, got {options.Chips}");
        if (options.MaxClients < 1) throw new ArgumentException($"--max-clients must be ≥ 1, got {options.MaxClients}");
        var address = options.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(options.Host, out var ip) ? ip
            : throw new ArgumentException($"--host must be an IP address, got '{options.Host}'");
        _listener = new TcpListener(address, options.Port);
    }

    /// <summary>The bound endpoint (the real port when 0 was asked).</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Clients connected now.</summary>
    public int Clients => Volatile.Read(ref _connected);

    /// <summary>Frames answered so far, every client together.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    private long _frames;

    public void Start()
    {
        _listener.Start();
        _accept = AcceptLoop();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (SocketException) { continue; }
            lock (_clients)
            {
                _clients.RemoveAll(t => t.IsCompleted);
                _clients.Add(Serve(client));
            }
        }
    }

    private async Task Serve(TcpClient client)
    {
        var count = Interlocked.Increment(ref _connected);
        try
        {
            client.NoDelay = true;
            using var _ = client;
            var stream = client.GetStream();
            if (count > _options.MaxClients)
            {
                await stream.WriteAsync(DeviceProtocol.ErrorFrame(DeviceProtocol.Busy, $"the server serves {_options.MaxClients} clients at once; try again later"), _stop.Token).ConfigureAwait(false);
                return;
            }
            var session = new DeviceSession(_options, () => Clients);
            while (!_stop.IsCancellationRequested)
            {
                (byte Version, byte Type, byte[] Payload)? frame;
                try { frame = await DeviceProtocol.ReadFrameAsync(stream, _stop.Token).ConfigureAwait(false); }
                catch (FormatException e)
                {
                    await stream.WriteAsync(DeviceProtocol.ErrorFrame(DeviceProtocol.TooLarge, e.Message + "; closing this connection"), _stop.Token).ConfigureAwait(false);
                    return;
                }
                if (frame is not { } f) return;
                var reply = session.Handle(f.Version, f.Type, f.Payload);
                Interlocked.Increment(ref _frames);
                await stream.WriteAsync(reply, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or EndOfStreamException)
        {
            // the client went away (or the server stops): its board is dropped with the session
        }
        finally
        {
            Interlocked.Decrement(ref _connected);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        if (_accept is not null) await _accept.ConfigureAwait(false);
        Task[] clients;
        lock (_clients) clients = [.. _clients];
        await Task.WhenAll(clients).ConfigureAwait(false);
        _stop.Dispose();
    }
}
