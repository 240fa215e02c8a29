using System.Diagnostics;
using System.Globalization;
using EventSpike.Hardware.Dynapse;
using EventSpike.Hardware.Dynapse.Link;
using EventSpike.Host.Cli;
using EventSpike.Neurons.Random;

namespace EventSpike.Host.Bench;

/// <summary>
/// <c>eventspike bench dynapse [--mode dpi|virtual|hil]</c>: a full board (4,096 neurons, fan-in 64 from the
/// neuron's own chip, so the configuration is valid) at moderate activity, on one core: the DPI chip model
/// at chip_dt = 10 µs, or VirtualDynapse's AdEx at dt = 0.1 ms; or the hardware-in-the-loop round trip to a
/// device server on loopback (256 DPI neurons, 1 ms windows, Poisson input at --rate events/s, default 100,000).
/// The board runs <see cref="WarmupSteps"/> untimed chip steps first. Prints one JSON line: realtime_factor = wall_s / duration_s (below 1: faster than real time), speedup =
/// duration_s / wall_s, cpu_s and cpu_realtime_factor (the CPU time the process got, the fair figure on a shared
/// machine), and for hil the round trip p50/p99 per window and the link's events/s.
/// </summary>
public static class DynapseBench
{
    /// <summary>Chip steps run before the timed ones (JIT tiering), continuing into them.</summary>
    public const int WarmupSteps = 1000;

    public static int Execute(ParsedArguments a, TextWriter stdout, TextWriter stderr)
    {
        var mode = a.Value("mode") ?? "dpi";
        var seed = (ulong)(a.Integer("seed", 0) ?? 12345);
        return mode switch
        {
            "dpi" or "virtual" => Board(mode, a.Seconds("duration") ?? (mode == "dpi" ? 0.1 : 2.0), seed, stdout, stderr),
            "hil" => Hil(a.Seconds("duration") ?? 2.0, a.Seconds("rate") ?? 100_000, seed, stdout, stderr),
            _ => throw new InputException($"bench dynapse: --mode must be dpi, virtual or hil, got '{mode}'"),
        };
    }

    /// <summary>4,096 neurons; each listens to 64 random neurons of its own chip (1 entry each).</summary>
    public static BoardConfig FullBoard(BoardMode mode, ulong seed)
    {
        var rng = StreamSeed.Generator(seed, "bench:dynapse");
        var connections = new List<BoardConnection>(BoardGeometry.Neurons * BoardGeometry.CamPerNeuron);
        for (var post = 0; post < BoardGeometry.Neurons; post++)
        {
            var chip = BoardGeometry.ChipOf(post);
            for (var k = 0; k < BoardGeometry.CamPerNeuron; k++)
            {
                var pre = chip * BoardGeometry.NeuronsPerChip + rng.NextInt(BoardGeometry.NeuronsPerChip);
                connections.Add(new BoardConnection(pre, false, post, k % 5 == 0 ? SynapseType.FastInh : SynapseType.FastExc, 1));
            }
        }
        var dpi = new DpiCoreParameters { Idc = 1e-10, Iw = [1e-9, 1e-9, 1e-9, 2e-10] };
        var virt = new VirtualDynapseParameters().With("bias", [0.0095]).With("baseweight_e", [0.0001]).With("baseweight_i", [0.0001]);
        return new BoardConfig
        {
            Mode = mode, ChipDt = mode == BoardMode.Dpi ? 1e-5 : 1e-4, Neurons = Enumerable.Range(0, BoardGeometry.Neurons).ToArray(),
            Connections = connections.ToArray(), DpiCores = Enumerable.Repeat(dpi, BoardGeometry.Cores).ToArray(), Virtual = virt,
            Mismatch = new DeviceMismatch(seed, DeviceMismatch.DefaultSigma),
        };
    }

    private static int Board(string mode, double duration, ulong seed, TextWriter stdout, TextWriter stderr)
    {
        var build = Stopwatch.StartNew();
        var config = FullBoard(mode == "dpi" ? BoardMode.Dpi : BoardMode.Virtual, seed);
        var board = new BoardSimulator(config);
        var buildSeconds = build.Elapsed.TotalSeconds;
        var steps = (long)Math.Round(duration / config.ChipDt);
        stderr.WriteLine($"bench dynapse: {mode}, 4096 neurons × 64 synapses, {steps} steps of {config.ChipDt} s on one core ...");
        var spikes = new List<int>();
        for (var s = 0; s < WarmupSteps; s++) { spikes.Clear(); board.ChipStep([], spikes); } // the JIT's tiers settle; not timed, not counted
        long total = 0;
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (long s = 0; s < steps; s++)
        {
            spikes.Clear();
            board.ChipStep([], spikes);
            total += spikes.Count;
        }
        var wall = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        // On a shared machine the CPU time the process got is the fairer figure: cpu_realtime_factor = cpu_s / duration_s.
        Write(stdout, $"dynapse-{mode}", config.Neurons.Length, config.Connections.Length, duration, wall, buildSeconds, total,
            $",\"chip_dt\":{config.ChipDt},\"warmup_steps\":{WarmupSteps},\"speedup\":{Math.Round(duration / wall, 4)},\"cpu_s\":{Math.Round(cpu, 4)},\"cpu_realtime_factor\":{Math.Round(cpu / duration, 4)}");
        return ExitCodes.Done;
    }

    private static int Hil(double duration, double rate, ulong seed, TextWriter stdout, TextWriter stderr)
    {
        const double window = 1e-3, dt = 1e-4;
        const int inputs = 64, neurons = 256;
        var build = Stopwatch.StartNew();
        var rng = StreamSeed.Generator(seed, "bench:hil");
        var win = new int[inputs, neurons];
        var wrec = new int[neurons, neurons];
        for (var j = 0; j < neurons; j++)
        {
            win[rng.NextInt(inputs), j] = 2;
            for (var k = 0; k < 16; k++) wrec[rng.NextInt(neurons), j] = rng.NextDouble() < 0.8 ? 1 : -1;
        }
        var config = DynapseMapper.Map(new MapRequest(win, wrec) { InputCoreIds = [0, 1, 2, 3] }) with
        {
            DpiCores = Enumerable.Repeat(new DpiCoreParameters { Idc = 2e-11, Iw = [1e-9, 1e-9, 2e-10, 2e-9] }, BoardGeometry.Cores).ToArray(),
            Mismatch = new DeviceMismatch(seed, DeviceMismatch.DefaultSigma),
        };
        var server = new DeviceServer(new DeviceServerOptions(Port: 0));
        server.Start();
        try
        {
            using var link = TcpDeviceLink.ConnectAsync(new DeviceAddress("127.0.0.1", server.Endpoint.Port), TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            link.ConfigureAsync(config).GetAwaiter().GetResult();
            var buildSeconds = build.Elapsed.TotalSeconds;
            var windows = (int)Math.Round(duration / window);
            var steps = (int)Math.Round(window / dt);
            stderr.WriteLine($"bench dynapse: hil, {neurons} DPI neurons on a device server on loopback, {windows} windows of {window * 1e3} ms at {rate} input events/s ...");
            long spikes = 0;
            var clock = Stopwatch.StartNew();
            for (var w = 0; w < windows; w++)
            {
                var ptr = new int[steps + 1];
                var ch = new List<int>();
                for (var s = 0; s < steps; s++)
                {
                    var n = rng.NextPoisson(rate * dt);
                    for (var e = 0; e < n; e++) ch.Add(rng.NextInt(inputs));
                    ptr[s + 1] = ch.Count;
                }
                spikes += link.RunAsync(new DeviceWindow(steps, ptr, ch.ToArray()), (int)Math.Round(dt / config.ChipDt)).GetAwaiter().GetResult().Events;
            }
            var wall = clock.Elapsed.TotalSeconds;
            var st = link.Stats;
            Write(stdout, "dynapse-hil", neurons, config.Connections.Length, duration, wall, buildSeconds, spikes,
                $",\"input_events_per_s\":{rate},\"input_events\":{st.InputEvents},\"window_s\":{window},\"windows\":{st.Windows}" +
                $",\"round_trip_ms\":{{\"p50\":{st.RoundTripMs(50)},\"p99\":{st.RoundTripMs(99)},\"max\":{st.RoundTripMs(100)}}},\"link_events_per_s\":{Math.Round(st.EventsPerSecond, 1)}");
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return ExitCodes.Done;
    }

    private static void Write(TextWriter stdout, string bench, int neurons, long synapses, double duration, double wall, double build, long spikes, string extra)
    {
        FormattableString line = $$"""{"bench":"{{bench}}","neurons":{{neurons}},"synapses":{{synapses}},"duration_s":{{duration}},"wall_s":{{Math.Round(wall, 6)}},"build_s":{{Math.Round(build, 6)}},"spikes":{{spikes}},"mean_rate_hz":{{Math.Round(spikes / (neurons * duration), 3)}},"realtime_factor":{{Math.Round(wall / duration, 4)}},"bytes_per_synapse":0,"threads":1,"device":"cpu"{{extra}}}""";
        stdout.WriteLine(line.ToString(CultureInfo.InvariantCulture));
    }
}
