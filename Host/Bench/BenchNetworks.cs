using System.Globalization;
using System.Text.Json;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Bench;

/// <summary>
/// The standard benchmark networks, built exactly as ../shared/reference/benchmarks.md gives them,
/// as ordinary network descriptions (the same path as a network file).
/// </summary>
public static class BenchNetworks
{
    public static readonly IReadOnlyList<string> Names = ["cuba", "coba", "brunel", "dense"];

    /// <summary>The dense bench's batch when neither --batch nor --scale says otherwise.</summary>
    public const int DenseBatch = 32;

    /// <summary>Simulated seconds a bench runs when --duration is not given.</summary>
    public static double DefaultDuration(string name) => name == "dense" ? 0.1 : 1.0;

    public static NetworkSpec Create(string name, double scale, double duration, double? vReset, ulong seed, int? batch = null) => name switch
    {
        "cuba" => Cuba(scale, duration, seed),
        "coba" => Coba(scale, duration, seed),
        "brunel" => Brunel(scale, duration, vReset ?? 0.0, seed),
        "dense" => Dense(batch ?? Math.Max(1, (int)Math.Round(DenseBatch * scale)), duration, seed),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Brian2's examples/CUBA.py: 3,200 E + 800 I, p = 80/N, exact integration, dt 0.1 ms.</summary>
    private static NetworkSpec Cuba(double scale, double duration, ulong seed)
    {
        var n = (int)Math.Round(4000 * scale);
        var ne = (int)Math.Round(0.8 * n);
        var p = Math.Min(1.0, 80.0 / n);
        var layer = Layer("cuba", "iaf_psc_exp", n, new()
        {
            ["tau_mem"] = 0.02, ["tau_syn_exc"] = 0.005, ["tau_syn_inh"] = 0.01, ["v_thresh"] = -0.05, ["v_reset"] = -0.06,
            ["v_rest"] = -0.049, ["refractory"] = 0.005, ["v_init"] = new[] { -0.06, -0.05 },
        });
        return new NetworkSpec("cuba", 1e-4, duration, seed, [layer],
        [
            Connection("cuba", "cuba", 1e-4, "exc", new() { ["generator"] = "bernoulli", ["p"] = p, ["weight"] = 0.00162, ["pre_range"] = new[] { 0, ne }, ["autapses"] = true }),
            Connection("cuba", "cuba", 1e-4, "inh", new() { ["generator"] = "bernoulli", ["p"] = p, ["weight"] = -0.009, ["pre_range"] = new[] { ne, n }, ["autapses"] = true }),
        ], []);
    }

    /// <summary>Brette et al. 2007 benchmark 1 (Brian's COBA.py): conductances in leak units, exponential Euler.</summary>
    private static NetworkSpec Coba(double scale, double duration, ulong seed)
    {
        var n = (int)Math.Round(4000 * scale);
        var ne = (int)Math.Round(0.8 * n);
        var p = Math.Min(1.0, 80.0 / n);
        var layer = Layer("coba", "iaf_cond_exp", n, new()
        {
            ["tau_mem"] = 0.02, ["tau_syn_exc"] = 0.005, ["tau_syn_inh"] = 0.01, ["v_thresh"] = -0.05, ["v_reset"] = -0.06,
            ["v_rest"] = -0.06, ["e_rev_exc"] = 0.0, ["e_rev_inh"] = -0.08, ["refractory"] = 0.005,
            ["v_init_mean"] = -0.065, ["v_init_std"] = 0.005,
            ["g_exc_init_mean"] = 4.0, ["g_exc_init_std"] = 1.5, ["g_inh_init_mean"] = 20.0, ["g_inh_init_std"] = 12.0,
        });
        return new NetworkSpec("coba", 1e-4, duration, seed, [layer],
        [
            Connection("coba", "coba", 1e-4, "exc", new() { ["generator"] = "bernoulli", ["p"] = p, ["weight"] = 0.6, ["pre_range"] = new[] { 0, ne }, ["autapses"] = true }),
            Connection("coba", "coba", 1e-4, "inh", new() { ["generator"] = "bernoulli", ["p"] = p, ["weight"] = 6.7, ["pre_range"] = new[] { ne, n }, ["autapses"] = true }),
        ], []);
    }

    /// <summary>
    /// Brunel 2000 model A with delta synapses as NEST's brunel_delta_nest.py: fixed in-degree
    /// 0.1·NE from E (J) and 0.1·NI from I (−gJ), delay 1.5 ms, independent Poisson drive per neuron
    /// at η·θ/(J·τm) = 20 kHz with weight J, inputs discarded while refractory.
    /// </summary>
    private static NetworkSpec Brunel(double scale, double duration, double vReset, ulong seed)
    {
        var n = (int)Math.Round(12500 * scale);
        var ne = (int)Math.Round(0.8 * n);
        var ce = (int)Math.Round(0.1 * ne);
        var ci = (int)Math.Round(0.1 * (n - ne));
        const double j = 0.0001, g = 5.0, eta = 2.0, theta = 0.02, tau = 0.02;
        var layer = Layer("brunel", "iaf_psc_delta", n, new()
        {
            ["tau_mem"] = tau, ["v_thresh"] = theta, ["v_reset"] = vReset, ["v_rest"] = 0.0, ["refractory"] = 0.002,
            ["drive_rate"] = eta * theta / (j * tau), ["drive_weight"] = j,
        });
        return new NetworkSpec("brunel", 1e-4, duration, seed, [layer],
        [
            Connection("brunel", "brunel", 0.0015, "syn", new() { ["generator"] = "fixed_indegree", ["indegree"] = ce, ["weight"] = j, ["pre_range"] = new[] { 0, ne }, ["autapses"] = true }),
            Connection("brunel", "brunel", 0.0015, "syn", new() { ["generator"] = "fixed_indegree", ["indegree"] = ci, ["weight"] = -g * j, ["pre_range"] = new[] { ne, n }, ["autapses"] = true }),
        ], []);
    }

    /// <summary>
    /// A 784–128–10 SpikingActivation(relu) multilayer perceptron on a batch of B samples, dt 1 ms
    /// (KerasSpiking's inference setting): dense kernel throughput.
    ///
    /// Layers carry no batch dimension, so the batch is laid side by side in channel blocks and each
    /// dense layer is one <see cref="BatchedSpikingDense"/> that applies its single weight matrix to
    /// every sample's block with TensorPrimitives (rather than B copies of the network with B copies
    /// of the weights as CSR tables, which would measure sparse scatter, not dense products):
    ///   input  ConstantSignal, 784·B channels: sample b's image, pixels U[0, 1)·InputScale, seeded per sample
    ///   → one_to_one, weight 1 (routing: channel c of the source is channel c of the port)
    ///   hidden BatchedSpikingDense W1[784, 128], 128·B units, port Current
    ///   → one_to_one, weight 1/dt (passes SpikingActivation's n/dt on)
    ///   output BatchedSpikingDense W2[128, 10], 10·B units, port Spikes
    /// W1 and W2 are Glorot-uniform, U(±√(6/(fan_in + fan_out))), from seeded streams; no biases.
    /// Both connections have zero delay: the layers form a pipeline, window by window.
    /// </summary>
    private static NetworkSpec Dense(int batch, double duration, ulong seed)
    {
        const double dt = 0.001;
        const int inputs = 784, hidden = 128, outputs = 10;
        var image = new double[batch * inputs];
        for (var b = 0; b < batch; b++)
        {
            var rng = StreamSeed.Generator(seed, "bench:dense:image", b);
            for (var i = 0; i < inputs; i++) image[b * inputs + i] = InputScale * rng.NextDouble();
        }
        var w1 = Glorot(inputs, hidden, StreamSeed.Generator(seed, "bench:dense:w1"));
        var w2 = Glorot(hidden, outputs, StreamSeed.Generator(seed, "bench:dense:w2"));
        var source = new ConstantSignal(image, dt);
        var l1 = new BatchedSpikingDense(w1, batch, dt, PortKind.Current, block => StreamSeed.Generator(seed, "layer:hidden", block));
        var l2 = new BatchedSpikingDense(w2, batch, dt, PortKind.Spikes, block => StreamSeed.Generator(seed, "layer:output", block));
        var empty = new Dictionary<string, JsonElement>();
        return new NetworkSpec("dense", dt, duration, seed,
        [
            new LayerSpec("input", source.ClassName, source.Size, empty) { Prebuilt = source },
            new LayerSpec("hidden", l1.ClassName, l1.Size, empty) { Prebuilt = l1 },
            new LayerSpec("output", l2.ClassName, l2.Size, empty) { Prebuilt = l2 },
        ],
        [
            Connection("input", "hidden", 0.0, "input", new() { ["generator"] = "one_to_one", ["weight"] = 1.0 }),
            Connection("hidden", "output", 0.0, "input", new() { ["generator"] = "one_to_one", ["weight"] = 1.0 / dt }),
        ], []);
    }

    /// <summary>Pixel scale of the dense bench's images (Hz-like drive: hidden rates of tens of Hz).</summary>
    public const double InputScale = 100.0;

    /// <summary>Glorot (Xavier) uniform: W[i, j] ~ U(−l, l), l = √(6/(rows + cols)), drawn row by row.</summary>
    private static DenseMatrix Glorot(int rows, int cols, Xoshiro256StarStar rng)
    {
        var limit = Math.Sqrt(6.0 / (rows + cols));
        var data = new double[rows * cols];
        for (var k = 0; k < data.Length; k++) data[k] = rng.NextUniform(-limit, limit);
        return new DenseMatrix(rows, cols, data);
    }

    private static LayerSpec Layer(string name, string type, int size, Dictionary<string, object> parameters) =>
        new(name, type, size, parameters.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value)));

    private static ConnectionSpec Connection(string from, string to, double delay, string port, Dictionary<string, object> weights) =>
        new(from, to, JsonSerializer.SerializeToElement(weights), delay, port) { Where = $"bench {from}->{to} ({port})" };

    public static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
