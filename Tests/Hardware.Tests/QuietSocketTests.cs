using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EventSpike.Hardware.Sensors;
using EventSpike.Hardware.Streaming;
using Xunit;

namespace EventSpike.Hardware.Tests;

/// <summary>
/// A live source in --realtime mode whose peer sends a burst, goes quiet, and sends again: while it is quiet the watermark
/// follows the wall clock, so the network keeps running and its windows are given empty; the second burst lands at its
/// own sensor time, nothing dropped.
/// </summary>
public class QuietSocketTests
{
    private const int QuietMs = 600;

    /// <summary>Timed SPIF words of <paramref name="count"/> events stamped now on the peer's clock (µs, from 1 s), 100 µs apart.</summary>
    private static (byte[] Bytes, long FirstUs) Burst(Stopwatch peerClock, int count)
    {
        var first = 1_000_000 + (long)peerClock.Elapsed.TotalMicroseconds;
        var bytes = new List<byte>();
        for (var i = 0; i < count; i++)
        {
            bytes.AddRange(BitConverter.GetBytes(SpifWords.Encode(i % 4, 0, true, timed: true)));
            bytes.AddRange(BitConverter.GetBytes((uint)(first + i * 100)));
        }
        return (bytes.ToArray(), first);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task A_quiet_socket_lets_the_network_run_on_the_wall_clock_and_the_next_burst_lands_at_its_time(string scheme)
    {
        var w = StreamRuns.Network().Plan.WindowSteps;
        var source = new SensorWindowSource(StreamRuns.Channels, w, BackpressurePolicy.Block, backlog: 8);
        var sink = new StreamRuns.Spikes();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        IStreamFeed feed;
        if (scheme == "tcp")
        {
            listener.Start();
            feed = new TcpFeed("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, StreamFraming.Words, followClock: true);
        }
        else feed = new UdpFeed("127.0.0.1", 0, followClock: true);
        var run = StreamRuns.Run(source, null, sink);
        // 100 ms of slack: a loaded test machine may hold the peer's packets back for tens of ms (they would then be late).
        using var stream = new SensorStream(feed, source, new SensorMapping(4, 1), StreamRuns.Dt, clockSlackUs: 100_000);
        stream.Start();

        var clock = Stopwatch.StartNew();
        using var udp = new UdpClient();
        TcpClient? tcp = scheme == "tcp" ? await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(20)) : null;
        async Task Send(byte[] bytes)
        {
            if (tcp is not null) await tcp.GetStream().WriteAsync(bytes);
            else await udp.SendAsync(bytes, new IPEndPoint(IPAddress.Loopback, ((UdpFeed)feed).BoundPort));
        }
        var (first, t0) = Burst(clock, 20);
        await Send(first);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (stream.Stats.EventsIn < 20 && DateTime.UtcNow < deadline) await Task.Delay(5);
        // The run may still be starting (a cold, loaded test machine: its first windows can take longer than the quiet
        // spell): measure the quiet spell from when the network has taken the burst's windows.
        while (source.Step <= 100 && DateTime.UtcNow < deadline) await Task.Delay(5);
        var stepAfterBurst = source.Step;
        await Task.Delay(QuietMs);
        var stepAfterQuiet = source.Step;
        var (second, t1) = Burst(clock, 20);
        await Send(second);
        while (stream.Stats.EventsIn < 40 && DateTime.UtcNow < deadline) await Task.Delay(5);
        await Task.Delay(100);
        stream.Stop();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20));
        tcp?.Dispose();
        listener.Stop();

        Assert.True(result.Succeeded, result.Failure);
        Assert.Null(stream.Failure);
        // Quiet for 600 ms, 100 ms of slack: windows worth well over 100 ms went by without an event (1000 steps of 0.1 ms).
        Assert.True(stepAfterQuiet - stepAfterBurst > 1000, $"the watermark stood still while the socket was quiet: step {stepAfterBurst} -> {stepAfterQuiet}");
        Assert.Equal(40, stream.Stats.EventsIn);
        Assert.True(stream.Stats.EventsDropped == 0, $"{stream.Stats.EventsDropped} events came later than the slack and were dropped");
        Assert.Equal(40, sink.Input.Count);
        // The windows of the quiet spell were given empty, and the second burst is at its own sensor time (1 step = 100 µs).
        var secondStep = (t1 - t0) / 100;
        Assert.DoesNotContain(sink.Input, s => s.Step > 19 && s.Step < secondStep);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => secondStep + i), sink.Input.Skip(20).Select(s => s.Step));
        Assert.True(result.Completed!.Steps > secondStep + 19);
    }
}
