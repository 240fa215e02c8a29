using System.Net;
using System.Net.Sockets;
using EventSpike.Hardware.Sensors;
using Google.FlatBuffers;

namespace EventSpike.Host.Tests;

/// <summary>
/// A DV-like AEDAT4 event server on the loopback, written for the tests: on a connection it sends uint32 N, an
/// uncompressed IOHeader FlatBuffer (identifier IOHE), then event packets (int32 stream 0, int32 size, a size-prefixed
/// EVTS FlatBuffer of 16-byte Event structs), <see cref="PacketEvents"/> events every ~2 ms, until stopped.
/// Event i is at 1 s + i·200 µs on pixel (i mod 34, i/34 mod 34), ON when i is odd: no two share a 0.1 ms step.
/// </summary>
public sealed class Aedat4Peer : IDisposable
{
    public const int PacketEvents = 10;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private long _sent;

    public Aedat4Peer()
    {
        _listener.Start();
        _serving = Task.Run(Serve);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Events written to the socket so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    private async Task Serve()
    {
        try
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var stream = client.GetStream();
            var header = IoHeader();
            await stream.WriteAsync(BitConverter.GetBytes(header.Length), _stop.Token);
            await stream.WriteAsync(header, _stop.Token);
            for (var i = 0L; !_stop.IsCancellationRequested; i += PacketEvents)
            {
                var body = EventPacket(Enumerable.Range(0, PacketEvents).Select(k => Event(i + k)).ToArray());
                await stream.WriteAsync(BitConverter.GetBytes(0), _stop.Token);
                await stream.WriteAsync(BitConverter.GetBytes(body.Length), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
                Interlocked.Add(ref _sent, PacketEvents);
                await Task.Delay(2, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException) { }
    }

    private static SensorEvent Event(long i) => new(1_000_000 + i * 200, (ushort)(i % 34), (ushort)(i / 34 % 34), i % 2 == 1);

    private static byte[] IoHeader()
    {
        var b = new FlatBufferBuilder(256) { ForceDefaults = true };
        var info = b.CreateString("<dv version=\"2.0\"><node name=\"outInfo\"><node name=\"0\"><attr key=\"typeIdentifier\" type=\"string\">EVTS</attr>" +
                                  "<node name=\"info\"><attr key=\"sizeX\" type=\"int\">34</attr><attr key=\"sizeY\" type=\"int\">34</attr></node></node></node></dv>");
        b.StartTable(3);
        b.AddLong(1, -1, 0);
        b.AddOffset(2, info.Value, 0);
        b.AddInt(0, 0, -1); // compression: none
        b.Finish(b.EndTable(), "IOHE");
        return b.SizedByteArray();
    }

    private static byte[] EventPacket(SensorEvent[] events)
    {
        var b = new FlatBufferBuilder(64 + 16 * events.Length);
        b.StartVector(16, events.Length, 8);
        for (var i = events.Length - 1; i >= 0; i--)
        {
            b.Prep(8, 16);
            b.Pad(3);
            b.PutBool(events[i].Polarity);
            b.PutShort((short)events[i].Y);
            b.PutShort((short)events[i].X);
            b.PutLong(events[i].TimestampUs);
        }
        var vector = b.EndVector();
        b.StartTable(1);
        b.AddOffset(0, vector.Value, 0);
        b.FinishSizePrefixed(b.EndTable(), "EVTS");
        return b.SizedByteArray();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _serving.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
