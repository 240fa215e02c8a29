using System.Diagnostics;
using System.Net.Sockets;
using EventSpike.Hardware.Sensors;

namespace EventSpike.Hardware.Streaming;

/// <summary>
/// A TCP client of a sensor's event server (<c>tcp://HOST:PORT</c>). The framing is found from the first 12 bytes
/// of each connection unless given: an AEDAT4 IOHeader (DV's network output, packets decoded by
/// <see cref="Aedat4Framing.Decoder"/>), else AEStream/SPIF raw event words (<see cref="SpifWords"/>). When the
/// peer is not there or goes away it reconnects, waiting 50 ms, then twice as long each time up to 2 s; a
/// corrupt frame drops the connection (counted) and reconnects. Runs until <c>cancel</c>. With <paramref name="followClock"/>
/// (<c>--realtime</c>) the watermark follows the wall clock while nothing comes, reconnects included (<see cref="SocketWait"/>).
/// </summary>
public sealed class TcpFeed(string host, int port, StreamFraming framing = StreamFraming.Auto, bool followClock = false) : IStreamFeed
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LastBackoff = TimeSpan.FromSeconds(2);

    public string Name => $"tcp://{host}:{port}";

    public FeedCounters Counters { get; } = new();

    public void Run(SensorIngest ingest, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var backoff = FirstBackoff;
        var connected = false;
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                using var client = new TcpClient { NoDelay = true };
                client.ConnectAsync(host, port, cancel).AsTask().GetAwaiter().GetResult();
                if (connected) Counters.Reconnected();
                connected = true;
                backoff = FirstBackoff;
                using var stop = cancel.Register(client.Close);
                Read(client, ingest, clock, cancel);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or EndOfStreamException) { }
            catch (SensorFormatException)
            {
                Counters.Skipped();
            }
            if (SocketWait.Sleep(backoff, ingest, followClock, cancel)) break;
            backoff = TimeSpan.FromTicks(Math.Min(LastBackoff.Ticks, backoff.Ticks * 2));
        }
    }

    /// <summary>Reads one connection to its end.</summary>
    private void Read(TcpClient client, SensorIngest ingest, Stopwatch clock, CancellationToken cancel)
    {
        var stream = client.GetStream();
        var head = new byte[12];
        var got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var events = new List<SensorEvent>();
        if (framing == StreamFraming.Aedat4 || (framing == StreamFraming.Auto && got == head.Length && Aedat4Framing.LooksLikeHeader(head)))
        {
            if (got < 4) return;
            var rest = new MemoryStream(head, 4, got - 4);
            var compression = Aedat4Framing.ReadHeader(new ConcatStream(rest, stream), BitConverter.ToUInt32(head), Name);
            var packetHead = new byte[8];
            var packetStream = new ConcatStream(rest, stream);
            while (!cancel.IsCancellationRequested && (rest.Position < rest.Length || SocketWait.Readable(client.Client, ingest, followClock, cancel)) && Aedat4Framing.ReadPacket(packetStream, compression, packetHead, events, Name))
            {
                ingest.OfferBatch(events, Stopwatch.GetTimestamp(), cancel);
                events.Clear();
            }
            return;
        }
        var words = new SpifWords();
        var buffer = new byte[1 << 16];
        Array.Copy(head, buffer, got);
        var n = got;
        while (n > 0 && !cancel.IsCancellationRequested)
        {
            words.Decode(buffer.AsSpan(0, n), (long)(clock.ElapsedTicks * 1e6 / Stopwatch.Frequency), events);
            ingest.OfferBatch(events, Stopwatch.GetTimestamp(), cancel);
            events.Clear();
            n = SocketWait.Readable(client.Client, ingest, followClock, cancel) ? stream.Read(buffer) : 0;
        }
    }
}
