using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EventSpike.Hardware.Sensors;

namespace EventSpike.Hardware.Streaming;

/// <summary>
/// Receives sensor datagrams on <c>udp://HOST:PORT</c> (bound here; the sensor sends to it). A datagram that starts
/// with the AEDAT 3.x network header carries a sequence number: gaps are counted as lost datagrams, and its
/// AEDAT 3.1 polarity packets are decoded. Any other datagram is AEStream/SPIF raw event words, which carry no
/// sequence number, so their losses cannot be seen. A corrupt datagram is counted and skipped. Runs until <c>cancel</c>.
/// With <paramref name="followClock"/> (<c>--realtime</c>) the watermark follows the wall clock while nothing comes (<see cref="SocketWait"/>).
/// </summary>
public sealed class UdpFeed(string host, int port, bool followClock = false) : IStreamFeed
{
    private readonly Socket _socket = Bind(host, port);

    public string Name => $"udp://{host}:{port}";

    public FeedCounters Counters { get; } = new();

    /// <summary>The port bound (useful when 0 was asked for).</summary>
    public int BoundPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    private static Socket Bind(string host, int port)
    {
        var address = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 8 << 20 };
        socket.Bind(new IPEndPoint(address, port));
        return socket;
    }

    public void Run(SensorIngest ingest, CancellationToken cancel)
    {
        using var stop = cancel.Register(_socket.Close);
        var clock = Stopwatch.StartNew();
        var buffer = new byte[65536];
        var words = new SpifWords();
        var events = new List<SensorEvent>();
        long? expected = null;
        try
        {
            while (SocketWait.Readable(_socket, ingest, followClock, cancel))
            {
                var n = _socket.Receive(buffer);
                Counters.Datagram();
                var datagram = buffer.AsSpan(0, n);
                var arrivalUs = (long)(clock.ElapsedTicks * 1e6 / Stopwatch.Frequency);
                if (Aedat3Datagram.HasHeader(datagram))
                {
                    var sequence = Aedat3Datagram.Sequence(datagram);
                    if (expected is { } e && sequence > e) Counters.Lost(sequence - e);
                    expected = Math.Max(expected ?? 0, sequence + 1);
                    if (!Aedat3Datagram.Decode(datagram, events)) { Counters.Skipped(); events.Clear(); continue; }
                }
                else
                {
                    words.Reset();
                    words.Decode(datagram, arrivalUs, events);
                    if (words.Unfinished) Counters.Skipped();
                }
                ingest.OfferBatch(events, Stopwatch.GetTimestamp(), cancel);
                events.Clear();
            }
        }
        catch (Exception e) when (cancel.IsCancellationRequested && e is SocketException or ObjectDisposedException) { }
        finally
        {
            _socket.Dispose();
        }
    }
}
