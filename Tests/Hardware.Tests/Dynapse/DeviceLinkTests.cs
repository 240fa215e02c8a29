using System.Buffers.Binary;
using EventSpike.Actors.Hosting;
using EventSpike.Actors.Runtime;
using EventSpike.Hardware.Dynapse;
using EventSpike.Hardware.Dynapse.Backend;
using EventSpike.Hardware.Dynapse.Link;
using Xunit;

namespace EventSpike.Hardware.Tests.Dynapse;

public class DeviceLinkTests
{
    private static async Task<DeviceServer> Server(DeviceServerOptions? options = null)
    {
        var server = new DeviceServer(options ?? new DeviceServerOptions(Port: 0));
        server.Start();
        await Task.Yield();
        return server;
    }

    [Fact]
    public async Task The_same_network_gives_the_same_spikes_on_the_cpu_in_process_and_over_TCP()
    {
        await using var server = await Server();
        var cpu = new HilNetworks.Sink();
        PlainLoopRunner.Run(HilNetworks.Network(null), cpu);
        var local = new HilNetworks.Sink();
        await LocalRunner.RunAsync(HilNetworks.Network("dynapse"), local, new RunOptions(2, Threads: 2) { WatchdogSeconds = 60 });
        var tcpNet = HilNetworks.Network("dynapse", $"tcp://127.0.0.1:{server.Endpoint.Port}");
        var tcp = new HilNetworks.Sink();
        await LocalRunner.RunAsync(tcpNet, tcp, new RunOptions(2, Threads: 2) { WatchdogSeconds = 60 });

        Assert.True(cpu.Spikes.Count(s => s.Layer == 1) > 50, $"the board layer spiked {cpu.Spikes.Count(s => s.Layer == 1)} times");
        Assert.Equal(cpu.Spikes, local.Spikes);
        Assert.Equal(cpu.Spikes, tcp.Spikes);
        var (_, link) = Assert.Single(DynapseBackendProvider.LinksOf(tcpNet));
        Assert.Equal(tcpNet.Plan.WindowCount, link.Stats.Windows);
        Assert.True(link.Stats.RoundTripMs(99) > 0 && link.Stats.EventsPerSecond > 0);
    }

    [Fact]
    public async Task A_disconnecting_client_frees_its_board_and_others_keep_being_served()
    {
        await using var server = await Server();
        var address = new DeviceAddress("127.0.0.1", server.Endpoint.Port);
        var config = SmallConfig();
        var a = await TcpDeviceLink.ConnectAsync(address, TimeSpan.FromSeconds(5));
        using var b = await TcpDeviceLink.ConnectAsync(address, TimeSpan.FromSeconds(5));
        await a.ConfigureAsync(config);
        await b.ConfigureAsync(config);
        Assert.Contains("\"clients\":2", await b.StatusAsync());
        a.Dispose();
        for (var i = 0; i < 50 && server.Clients > 1; i++) await Task.Delay(20);
        Assert.Equal(1, server.Clients);
        var output = await b.RunAsync(Input(100), 10);
        Assert.Equal(100, output.Steps);
        var error = await Assert.ThrowsAsync<DeviceException>(async () =>
        {
            using var c = await TcpDeviceLink.ConnectAsync(address, TimeSpan.FromSeconds(5));
            await c.RunAsync(Input(10), 10); // not configured
        });
        Assert.Equal(DeviceProtocol.NotConfigured == error.Code ? error.Code : DeviceProtocol.Malformed, error.Code);
        Assert.Contains("configure", error.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_refused_at_load_naming_the_layer_and_address()
    {
        var net = HilNetworks.Network("dynapse", "tcp://127.0.0.1:1");
        var e = Assert.Throws<BackendLimitException>(() => new LayerFactory(net).Validate());
        Assert.Contains("layer 'board' (RecDynapSE)", e.Message);
        Assert.Contains("tcp://127.0.0.1:1", e.Message);
    }

    [Fact]
    public async Task The_server_survives_ten_thousand_fuzzed_frames_and_then_serves_a_good_client()
    {
        await using var server = await Server(new DeviceServerOptions(Port: 0, MaxChipStepsPerRequest: 2000)); // a flipped step count runs little
        var address = new DeviceAddress("127.0.0.1", server.Endpoint.Port);
        var rng = new System.Random(1234);
        var good = DeviceProtocol.Frame(DeviceProtocol.Run, DeviceProtocol.Events(Input(5), 2));
        var errors = 0;
        System.Net.Sockets.TcpClient? client = null;
        System.Net.Sockets.NetworkStream? stream = null;
        for (var i = 0; i < 10_000; i++)
        {
            if (client is null)
            {
                client = new System.Net.Sockets.TcpClient { NoDelay = true };
                await client.ConnectAsync("127.0.0.1", server.Endpoint.Port);
                stream = client.GetStream();
                if (i % 2 == 0) await stream.WriteAsync(DeviceProtocol.Frame(DeviceProtocol.Configure, System.Text.Encoding.UTF8.GetBytes(BoardConfigJson.ToJson(SmallConfig()).ToJsonString())));
                if (i % 2 == 0) _ = await DeviceProtocol.ReadFrameAsync(stream, default);
            }
            var frame = Fuzz(rng, good, i);
            await stream!.WriteAsync(frame);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(frame);
            var reply = await DeviceProtocol.ReadFrameAsync(stream, default);
            Assert.NotNull(reply); // every frame gets an answer
            if (reply.Value.Type == DeviceProtocol.Error) errors++;
            if (length < 2 || length > DeviceProtocol.MaxFrame) // the server closes after a bad length
            {
                Assert.Null(await DeviceProtocol.ReadFrameAsync(stream, default));
                client.Dispose();
                client = null;
            }
        }
        client?.Dispose();
        Assert.True(errors > 5000, $"only {errors} error frames");
        using var link = await TcpDeviceLink.ConnectAsync(address, TimeSpan.FromSeconds(5));
        await link.ConfigureAsync(SmallConfig());
        Assert.Equal(50, (await link.RunAsync(Input(50), 10)).Steps);
    }

    /// <summary>A frame with a random defect: bad version, type, length, truncated or flipped payload, random bytes.</summary>
    private static byte[] Fuzz(System.Random rng, byte[] good, int i)
    {
        var f = (byte[])good.Clone();
        switch (i % 8)
        {
            case 0: f[4] = (byte)rng.Next(2, 256); break;
            case 1: f[5] = (byte)rng.Next(5, 0x7F); break;
            case 2: for (var k = 0; k < 3; k++) f[6 + rng.Next(f.Length - 6)] ^= (byte)rng.Next(1, 256); break;
            case 3:
                var cut = rng.Next(2, f.Length - 6);
                f = f[..(6 + cut - 2)];
                BinaryPrimitives.WriteUInt32LittleEndian(f, (uint)(f.Length - 4));
                break;
            case 4:
                f = new byte[6 + rng.Next(0, 64)];
                rng.NextBytes(f);
                BinaryPrimitives.WriteUInt32LittleEndian(f, (uint)(f.Length - 4));
                f[4] = DeviceProtocol.Version;
                break;
            case 5: BinaryPrimitives.WriteUInt32LittleEndian(f, (uint)rng.Next(DeviceProtocol.MaxFrame + 1, int.MaxValue)); f = f[..6]; break;
            case 6: BinaryPrimitives.WriteInt32LittleEndian(f.AsSpan(6), rng.Next(int.MinValue, 0)); break;
            default:
                f[5] = DeviceProtocol.Configure;
                rng.NextBytes(f.AsSpan(6));
                break;
        }
        return f;
    }

    internal static BoardConfig SmallConfig() =>
        DynapseMapper.Map(new MapRequest(new int[,] { { 3, 0 }, { 0, 4 } }, new int[,] { { 0, 2 }, { 1, 0 } })) with
        {
            DpiCores = MismatchTests.Cores(new DpiCoreParameters { Idc = 1e-9 }),
        };

    private static DeviceWindow Input(int steps)
    {
        var ptr = new int[steps + 1];
        var ch = new List<int>();
        for (var s = 0; s < steps; s++)
        {
            if (s % 3 == 0) ch.Add(s % 2);
            ptr[s + 1] = ch.Count;
        }
        return new DeviceWindow(steps, ptr, ch.ToArray());
    }
}
