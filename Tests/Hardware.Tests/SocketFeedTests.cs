using System.Net;
using System.Net.Sockets;
using EventSpike.Hardware.Sensors;
using EventSpike.Hardware.Streaming;
using Xunit;

namespace EventSpike.Hardware.Tests;

/// <summary>The live feeds against real socket peers on the loopback, each bounded in time.</summary>
public class SocketFeedTests
{
    private static SensorMapping Mapping => new(4, 1, pool: 1, splitPolarity: true);

    /// <summary>Timestamped SPIF words for events at t = start, start+500, … µs on x = i % 4.</summary>
    private static byte[] Words(int start, int count)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < count; i++)
        {
            bytes.AddRange(BitConverter.GetBytes(SpifWords.Encode(i % 4, 0, i % 2 == 1, timed: true)));
            bytes.AddRange(BitConverter.GetBytes((uint)(start + i * 500)));
        }
        return bytes.ToArray();
    }

    [Fact]
    public async Task Tcp_reads_raw_event_words_and_reconnects_when_the_peer_goes_away()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var peer = Task.Run(async () =>
        {
            using (var first = await listener.AcceptTcpClientAsync())
                await first.GetStream().WriteAsync(Words(1_000_000, 40)); // then the peer drops the connection
            await Task.Delay(100);
            using var second = await listener.AcceptTcpClientAsync();
            var more = Words(1_020_000, 40);
            await second.GetStream().WriteAsync(more.AsMemory(0, 13)); // a word split across reads
            await Task.Delay(20);
            await second.GetStream().WriteAsync(more.AsMemory(13));
            await Task.Delay(200);
        });
        var w = StreamRuns.Network().Plan.WindowSteps;
        var source = new SensorWindowSource(StreamRuns.Channels, w, BackpressurePolicy.Block, backlog: 8);
        var sink = new StreamRuns.Spikes();
        var run = StreamRuns.Run(source, null, sink);
        using var stream = new SensorStream(new TcpFeed("127.0.0.1", port), source, Mapping, StreamRuns.Dt);
        stream.Start();
        await peer.WaitAsync(TimeSpan.FromSeconds(20));
        stream.Stop();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20));
        listener.Stop();
        Assert.True(result.Succeeded, result.Failure);
        Assert.Null(stream.Failure);
        Assert.True(stream.Stats.Reconnects >= 1);
        Assert.Equal(80, stream.Stats.EventsIn);
        Assert.Equal(80, sink.Input.Count);
        // Rebased to the first event: the events 500 µs apart land on steps 0, 5, 10, …; the second connection's 20 ms later.
        Assert.Contains((0L, 0), sink.Input);
        Assert.Contains((5L, 4 + 1), sink.Input);
        Assert.Contains((200L, 0), sink.Input);
    }

    [Fact]
    public async Task Udp_counts_a_lost_datagram_from_the_aedat3_sequence_numbers()
    {
        var w = StreamRuns.Network().Plan.WindowSteps;
        var source = new SensorWindowSource(StreamRuns.Channels, w, BackpressurePolicy.DropOldest, backlog: 8);
        var sink = new StreamRuns.Spikes();
        var feed = new UdpFeed("127.0.0.1", 0);
        var run = StreamRuns.Run(source, null, sink);
        using var stream = new SensorStream(feed, source, Mapping, StreamRuns.Dt);
        stream.Start();
        using var sender = new UdpClient();
        var target = new IPEndPoint(IPAddress.Loopback, feed.BoundPort);
        foreach (var seq in new long[] { 0, 1, 3, 4 }) // datagram 2 never comes
        {
            var events = Enumerable.Range(0, 5).Select(i => new SensorEvent(10_000 + seq * 1000 + i * 100, (ushort)(i % 4), 0, true)).ToList();
            await sender.SendAsync(Aedat3Datagram.Encode(seq, events), target);
            await Task.Delay(20);
        }
        await sender.SendAsync(new byte[] { 1, 2, 3 }, target); // a corrupt datagram: counted, skipped
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (stream.Stats.EventsIn < 20 && DateTime.UtcNow < deadline) await Task.Delay(10);
        await Task.Delay(50);
        stream.Stop();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(1, stream.Stats.DatagramsLost);
        Assert.Equal(1, stream.Stats.FramesSkipped);
        Assert.Equal(20, stream.Stats.EventsIn);
        Assert.Equal(20, sink.Input.Count);
        Assert.Contains((30L, 4), sink.Input); // seq 3's first event: 3 ms after the first, ON at x = 0
    }
}
