using EventSpike.Actors.Hosting;
using EventSpike.Actors.Recording;
using EventSpike.Actors.Runtime;
using EventSpike.Gpu.Resident;
using EventSpike.Host.Bench;
using EventSpike.Neurons.Models;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Gpu.Tests;

/// <summary>
/// The device-resident network (rings, spike propagation and the Poisson drive on the device), on ILGPU's CPU
/// accelerator: the same spikes, state and drive streams as the CPU runtime, bit for bit; what it cannot take refused by name.
/// </summary>
public class ResidentNetworkTests
{
    /// <summary>Every spike as (step, layer, neuron), in the recorder's order.</summary>
    private sealed class Spikes : ISpikeSink
    {
        public List<(long, int, int)> All { get; } = new();

        public void Write(long step, int layer, ReadOnlySpan<int> neurons)
        {
            foreach (var n in neurons) All.Add((step, layer, n));
        }

        public void Complete()
        {
        }
    }

    /// <summary>
    /// Five layers, three driven (one of two whole drive blocks and a part): per-synapse normal and uniform delays (1–9 steps) with fixed-point weights on exc and inh,
    /// a shared-weight connection with a plain 3-step delay, a layer that only receives, one with no input at all. The CPU's
    /// shared delay rings (DelayRing): D→E joins E→E's ring at a smaller power-of-two scale (and comes later in the file), D→I's
    /// scale is more than 2⁴ below E→I's (a second ring on I's exc), D→R shares R's exc with the shared-weight E→R, and E's exc
    /// takes the shared-weight R→E first, then that ring's one sum (three terms: the order of the additions shows).
    /// </summary>
    private static NetworkSpec Small(double duration = 0.02) => new("small", 1e-4, duration, 77,
        [
            Layer("E", "iaf_psc_exp", 300, """{"v_init_mean": -0.058, "v_init_std": 0.006, "drive_rate": 9000, "drive_weight": 0.0012, "tau_syn_exc": 0.002, "tau_syn_inh": 0.004, "refractory": 0.002}"""),
            Layer("I", "iaf_psc_exp", 70, """{"v_init": [-0.06, -0.052], "drive_rate": 6000, "drive_weight": 0.0011, "bias": 0.001}"""),
            Layer("R", "iaf_psc_exp", 40, """{"v_init": -0.05}"""),
            Layer("Q", "iaf_psc_exp", 5, "{}"),
            Layer("D", "iaf_psc_exp", 2100, """{"v_init": -0.051, "drive_rate": 5000, "drive_weight": 0.001}"""), // blocks of 1,024 and a part
        ],
        [
            Delayed(Connect("E", "E", 0, """{"generator":"bernoulli","p":0.08,"weight":{"mean":0.0006,"std":0.0002,"keep_sign":true}}"""), """{"mean":0.0005,"std":0.0003}"""),
            Delayed(Connect("E", "I", 0, """{"generator":"bernoulli","p":0.1,"weight":{"mean":0.0008,"std":0.0001}}"""), """{"low":0.0001,"high":0.0009}"""),
            Delayed(Connect("I", "E", 0, """{"generator":"fixed_total_number","n":4000,"weight":{"mean":-0.002,"std":0.0004,"keep_sign":true}}""") with { Port = "inh" }, """{"mean":0.0003,"std":0.0002}"""),
            Connect("E", "R", 0.0003, """{"generator":"bernoulli","p":0.2,"weight":0.0015}"""),
            Delayed(Connect("I", "I", 0, """{"generator":"bernoulli","p":0.2,"weight":{"mean":-0.001,"std":0.0002}}""") with { Port = "inh" }, """{"mean":0.0002,"std":0.0001}"""),
            Delayed(Connect("D", "E", 0, """{"generator":"fixed_total_number","n":30000,"weight":{"mean":0.0001,"std":0.00003}}"""), """{"low":0.0001,"high":0.0006}"""),
            Delayed(Connect("D", "I", 0, """{"generator":"fixed_total_number","n":2000,"weight":{"mean":0.00001,"std":0.000002}}"""), """{"low":0.0001,"high":0.0004}"""),
            Connect("R", "E", 0.0002, """{"generator":"bernoulli","p":0.5,"weight":0.0001}"""),
            Delayed(Connect("D", "R", 0, """{"generator":"fixed_total_number","n":1500,"weight":{"mean":0.0002,"std":0.00004}}"""), """{"low":0.0002,"high":0.0007}"""),
        ]) { Record = ["E", "I", "R", "Q", "D"] };

    private static ConnectionSpec Delayed(ConnectionSpec c, string delay) => c with { DelayDistribution = Json(delay) };

    private static async Task<(List<(long, int, int)> Spikes, CompiledNetwork Network)> OnCpu(NetworkSpec spec)
    {
        var network = NetworkCompiler.Compile(spec);
        var sink = new Spikes();
        var result = await LocalRunner.RunAsync(network, sink, new RunOptions(Threads: 1));
        Assert.True(result.Succeeded, result.Failure);
        return (sink.All, network);
    }

    private static (List<(long, int, int)> Spikes, CompiledNetwork Network, long[] PerLayer) OnDevice(NetworkSpec spec)
    {
        var network = NetworkCompiler.Compile(spec);
        var sink = new Spikes();
        using var device = AcceleratorDevice.Open("ilgpu-cpu");
        var perLayer = ResidentRunner.Run(network, device, sink).Spikes;
        return (sink.All, network, perLayer);
    }

    [Fact]
    public async Task A_small_network_with_delays_and_drive_gives_the_cpu_spikes_state_and_drive_streams_bit_for_bit()
    {
        var cpu = await OnCpu(Small());
        var gpu = OnDevice(Small());
        Assert.True(cpu.Spikes.Count(s => s.Item2 == 0) > 100, $"E fired {cpu.Spikes.Count(s => s.Item2 == 0)} spikes");
        Assert.Contains(cpu.Spikes, s => s.Item2 == 1);
        Assert.Contains(cpu.Spikes, s => s.Item2 == 2); // R: the shared-weight E→R plus the delayed D→R
        Assert.Equal(cpu.Spikes, gpu.Spikes);
        Assert.Contains(cpu.Spikes, s => s.Item2 == 4 && s.Item3 >= 1024);
        Assert.Equal(Enumerable.Range(0, 5).Select(l => (long)cpu.Spikes.Count(s => s.Item2 == l)), gpu.PerLayer);
        for (var l = 0; l < 5; l++)
        {
            var (c, g) = ((IafPscExp)cpu.Network.Layers[l].Model, (IafPscExp)gpu.Network.Layers[l].Model);
            foreach (var name in c.StateNames) Assert.Equal(c.GetState(name), g.GetState(name));
            Assert.Equal(c.GetRandomState(), g.GetRandomState());
        }
    }

    [Fact]
    public async Task PD14_at_scale_0_02_on_the_device_path_gives_the_cpu_spikes_bit_for_bit()
    {
        // NEST's optimized V(0) (the default since pd14-speed) keeps the first 10 ms nearly silent; N(−58, 10) mV fires at once.
        var spec = Microcircuit.Create(0.02, 0.01, 12345, optimizedV0: false) with { Record = Microcircuit.Populations.ToList() };
        var cpu = await OnCpu(spec);
        var gpu = OnDevice(spec);
        Assert.True(cpu.Spikes.Count > 50, $"{cpu.Spikes.Count} spikes");
        Assert.True(cpu.Spikes.Select(s => s.Item2).Distinct().Count() >= 6);
        Assert.Equal(cpu.Spikes, gpu.Spikes);
        var (c, g) = ((IafPscExp)cpu.Network.Layers[0].Model, (IafPscExp)gpu.Network.Layers[0].Model);
        Assert.Equal(c.VMem, g.VMem);
    }

    [Fact]
    public void Windows_of_any_length_give_the_same_spikes()
    {
        var spec = Small(0.005);
        var whole = OnDevice(spec).Spikes;
        var network = NetworkCompiler.Compile(spec);
        using var device = AcceleratorDevice.Open("ilgpu-cpu");
        using var resident = new ResidentNetwork(network, device, 7);
        var pieces = new List<(long, int)>();
        foreach (var steps in new[] { 7, 1, 3, 7, 7, 7, 7, 7, 4 })
            resident.Evolve(steps, (t, list) =>
            {
                foreach (var g in list) pieces.Add((t, g));
            });
        Assert.Equal(50, resident.Step);
        Assert.NotEmpty(pieces);
        var starts = resident.LayerStarts;
        Assert.Equal(whole.Select(s => (s.Item1, s.Item3 + starts[s.Item2])), pieces);
    }

    [Fact]
    public void What_the_device_path_cannot_take_is_refused_naming_the_layer_or_connection()
    {
        string? Refusal(NetworkSpec spec) => ResidentNetwork.Refusal(NetworkCompiler.Compile(spec));
        var small = Small();
        Assert.Null(Refusal(small));
        Assert.Contains("layer 'lif' (LIF)", Refusal(small with { Layers = [.. small.Layers, Layer("lif", "LIF", 3)] }));
        Assert.Contains("connection 'E'→'R' has per-synapse float weights",
            Refusal(small with { Connections = [.. small.Connections.Take(3), Connect("E", "R", 0.0003, """{"generator":"bernoulli","p":0.2,"weight":{"mean":0.001,"std":0.0002}}""")] }));
        Assert.Contains("connection 'E'→'R' has a delay under one step",
            Refusal(small with { Connections = [.. small.Connections.Take(3), Connect("E", "R", 0, """{"generator":"bernoulli","p":0.2,"weight":0.001}""")] }));
        Assert.Contains("unsharded", ResidentNetwork.Refusal(NetworkCompiler.Compile(small with { Layers = [.. small.Layers, Layer("big", "iaf_psc_exp", 2100)] }, shardSize: 1024)));
        var probed = NetworkCompiler.Compile(small with { Probes = [new ProbeSpec("I", "v_mem", [0], null)] });
        Assert.Contains("layer 'I': probes", ResidentNetwork.Refusal(probed));
        using var device = AcceleratorDevice.Open("ilgpu-cpu");
        var lif = NetworkCompiler.Compile(small with { Layers = [.. small.Layers, Layer("lif", "LIF", 3)] });
        Assert.Contains("layer 'lif' (LIF)", Assert.Throws<BackendLimitException>(() => new ResidentNetwork(lif, device, 10)).Message);
    }

    [Fact]
    public void Each_port_s_connections_are_summed_in_the_cpu_engine_s_order_with_its_shared_delay_rings()
    {
        var network = NetworkCompiler.Compile(Small());
        var layout = new ResidentLayout(network);
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var mine = Enumerable.Range(0, layout.Connections.Length).Where(p => layout.Connections[p].To == l).ToArray();
            var keys = mine.Select(p => (layout.Connections[p].Port, layout.Connections[p].Synapses.HasDelays ? 1 : 0)).ToList();
            Assert.Equal(keys.Order(), keys); // per port: SumPort's connections, then the delay rings
            var closing = mine.Where(p => layout.Projections[p].ClosesGroup == 1).Select(p => layout.Projections[p].Scale);
            Assert.Equal(network.CreateEngine(l).DelayRings.Select(r => r.Quantum), closing);
            foreach (var p in mine.Where(p => layout.Projections[p].Shift >= 0))
                Assert.Equal(layout.Connections[p].Synapses.WeightScale, Math.ScaleB(layout.Projections[p].Scale, layout.Projections[p].Shift));
        }
        string From(int p) => network.Layers[layout.Connections[p].From].Name;
        var eExc = Enumerable.Range(0, layout.Connections.Length).Where(p => layout.Connections[p].To == 0 && layout.Connections[p].Port == 0).ToArray();
        Assert.Equal(["R", "D", "E"], eExc.Select(From)); // the shared weight, then one ring: D→E's smaller scale first, though later in the file
        Assert.Equal([-1, 0], eExc.Take(2).Select(p => layout.Projections[p].Shift));
        Assert.InRange(layout.Projections[eExc[2]].Shift, 1, 4);
        Assert.Equal([0, 0, 1], eExc.Select(p => layout.Projections[p].ClosesGroup));
        Assert.Equal(3, network.CreateEngine(1).DelayRings.Count); // I: D→I's scale is over 2⁴ below E→I's, two rings on exc, one on inh
    }
}
