using System.Globalization;
using System.Text.Json;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Bench;

/// <summary>
/// The standard benchmark networks, built exactly as ../shared/reference/benchmarks.md gives them,
/// as ordinary network descriptions (the same path as a network file).
/// </summary>
public static class BenchNetworks
{
    public static readonly IReadOnlyList<string> Names = ["cuba", "coba", "brunel"];

    public static NetworkSpec Create(string name, double scale, double duration, double? vReset, ulong seed) => name switch
    {
        "cuba" => Cuba(scale, duration, seed),
        "coba" => Coba(scale, duration, seed),
        "brunel" => Brunel(scale, duration, vReset ?? 0.0, seed),
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

    private static LayerSpec Layer(string name, string type, int size, Dictionary<string, object> parameters) =>
        new(name, type, size, parameters.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value)));

    private static ConnectionSpec Connection(string from, string to, double delay, string port, Dictionary<string, object> weights) =>
        new(from, to, JsonSerializer.SerializeToElement(weights), delay, port) { Where = $"bench {from}->{to} ({port})" };

    public static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
