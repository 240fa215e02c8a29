using EventSpike.Actors.Builder;
using EventSpike.Neurons.Models;
using PD14 = EventSpike.Host.Bench.Microcircuit;

namespace EventSpike.Host.Tests;

/// <summary>The example networks of config/networks written in C# with the builder (what the README's example shows).</summary>
public static class ExampleNetworks
{
    public static NetworkBuilder Build(string name) => name switch
    {
        "reservoir" => Reservoir(),
        "brunel-ei" => BrunelEI(),
        "dvs" => Dvs(),
        "dvxplorer" => Dvxplorer(),
        "cluster-pingpong" => ClusterPingPong(),
        "hil" => Hil(),
        "microcircuit" => Microcircuit(),
        _ => throw new ArgumentException($"no C# version of example '{name}': add one here"),
    };

    public static NetworkBuilder Reservoir()
    {
        var net = new NetworkBuilder("reservoir", dt: 1e-4, duration: 2.0, seed: 1);
        var input = net.PoissonSource("input", 100, rate: 20.0);
        var reservoir = net.LIF("reservoir", 1000, tauMem: 0.02, tauSyn: 0.005, vThresh: -0.055, vReset: -0.065, vRest: -0.065,
            refractory: 0.002, bias: 0.0, vInit: new[] { -0.065, -0.055 });
        var readout = net.LIF("readout", 10, tauMem: 0.02, tauSyn: 0.005, vThresh: -0.055, vReset: -0.065, vRest: -0.065, refractory: 0.002);
        net.Connect(input, reservoir, Weights.Bernoulli(0.1, weight: Weight.Normal(0.012, 0.002)));
        net.Connect(reservoir, reservoir, Weights.Bernoulli(0.1, weight: 0.0005, excFraction: 0.8, weightInh: -0.0025), delay: 0.001);
        net.Connect(reservoir, readout, Weights.Bernoulli(0.2, weight: Weight.Uniform(0.0, 0.0012)));
        net.Record(input, reservoir, readout);
        return net;
    }

    public static NetworkBuilder BrunelEI()
    {
        var net = new NetworkBuilder("brunel-ei", dt: 1e-4, duration: 0.2, seed: 11);
        foreach (var (name, size) in new[] { ("exc", 8000), ("inh", 2000) })
            net.IafPscDelta(name, size, tauMem: 0.02, vThresh: 0.02, vReset: 0.0, vRest: 0.0, refractory: 0.002, driveRate: 20000, driveWeight: 0.0001);
        net.Connect("exc", "exc", Weights.FixedIndegree(800, weight: 0.0001, autapses: true), delay: 0.0015);
        net.Connect("exc", "inh", Weights.FixedIndegree(800, weight: 0.0001), delay: 0.0015);
        net.Connect("inh", "exc", Weights.FixedIndegree(200, weight: -0.0005), delay: 0.0015);
        net.Connect("inh", "inh", Weights.FixedIndegree(200, weight: -0.0005, autapses: true), delay: 0.0015);
        return net;
    }

    public static NetworkBuilder Dvs()
    {
        var net = new NetworkBuilder("dvs", dt: 1e-4, duration: 1.0, seed: 7, window: 0.001);
        net.PoissonSource("input", 578, rate: 0);
        net.LIF("hidden", 200, refractory: 0.002);
        net.LIF("readout", 10, refractory: 0.002);
        net.Connect("input", "hidden", Weights.FixedIndegree(40, weight: 0.006), delay: 0.0003);
        net.Connect("hidden", "readout", Weights.FixedIndegree(40, weight: 0.004), delay: 0.0003);
        return net;
    }

    public static NetworkBuilder Dvxplorer()
    {
        var net = new NetworkBuilder("dvxplorer", dt: 1e-4, duration: 1.0, seed: 7, window: 0.001);
        // The centred 240x240 square of a 320x240 DVXplorer pooled 15x15: 2 x 16 x 16 = 512 channels.
        net.PoissonSource("input", 512, rate: 0);
        net.Sensor("input", width: 320, height: 240, crop: (40, 0, 280, 240), pool: (15, 15), polarity: "split");
        net.LIF("hidden", 200, refractory: 0.002);
        net.LIF("readout", 10, refractory: 0.002);
        net.Connect("input", "hidden", Weights.FixedIndegree(40, weight: 0.006), delay: 0.0003);
        net.Connect("hidden", "readout", Weights.FixedIndegree(40, weight: 0.004), delay: 0.0003);
        return net;
    }

    public static NetworkBuilder ClusterPingPong()
    {
        var net = new NetworkBuilder("cluster-pingpong", dt: 1e-4, duration: 1.0, seed: 1, window: 0.001);
        net.LIF("a", 10, node: "0");
        net.LIF("b", 10, node: "1");
        net.Connect("a", "b", Weights.OneToOne(0.1), delay: 0.001);
        net.Connect("b", "a", Weights.OneToOne(0.1), delay: 0.001);
        return net;
    }

    /// <summary>
    /// The PD14 cortical microcircuit at <paramref name="scale"/> (config/networks/microcircuit.json is scale 1), written with
    /// builder calls in a loop over the PD14 tables of Host/Bench/Microcircuit (sizes, probabilities, in-degrees, PSCs, delays).
    /// </summary>
    public static NetworkBuilder Microcircuit(double scale = 1, double duration = 1.5, ulong seed = 12345)
    {
        var net = new NetworkBuilder("microcircuit", dt: PD14.Dt, duration: duration, seed: seed);
        var weightScale = 1 / Math.Sqrt(scale);
        for (var i = 0; i < 8; i++)
        {
            var bias = PD14.CompensationPa(i, scale) is var dc and not 0 ? dc * PD14.VoltsPerPa : (double?)null;
            net.IafPscExp(PD14.Populations[i], PD14.Size(i, scale), tauMem: PD14.TauMemMs * 1e-3, tauSynExc: PD14.TauSynMs * 1e-3, tauSynInh: PD14.TauSynMs * 1e-3,
                vThresh: -0.050, vReset: -0.065, vRest: -0.065, refractory: 0.002, vInitMean: PD14.OptimizedV0Mean[i] * 1e-3, vInitStd: PD14.OptimizedV0Sd[i] * 1e-3, bias: bias,
                driveRate: PD14.BackgroundRateHz * PD14.ExternalIndegree(i, scale), driveWeight: PD14.PscOfPsp(PD14.PspMv) * weightScale * PD14.VoltsPerPa);
        }
        for (var target = 0; target < 8; target++)
            for (var source = 0; source < 8; source++)
            {
                var n = PD14.Synapses(target, source, scale);
                if (n == 0) continue;
                var mean = PD14.MeanPsc(target, source) * weightScale * PD14.VoltsPerPa;
                var weights = Weights.FromJson(JsonElements.Of(new Dictionary<string, object?>
                {
                    ["generator"] = "fixed_total_number", ["n"] = n, ["autapses"] = true,
                    ["weight"] = new Dictionary<string, object?> { ["mean"] = mean, ["std"] = Math.Abs(mean) * PD14.WeightRelativeSd, ["keep_sign"] = true },
                }));
                var excitatory = source % 2 == 0;
                var delayMean = (excitatory ? PD14.DelayExcMs : PD14.DelayInhMs) * 1e-3;
                net.Connect(PD14.Populations[source], PD14.Populations[target], weights, port: excitatory ? "exc" : "inh",
                    delays: new Dictionary<string, object?> { ["mean"] = delayMean + PD14.Dt, ["std"] = delayMean * PD14.DelayRelativeSd, ["min"] = 2 * PD14.Dt });
            }
        return net;
    }

    public static NetworkBuilder Hil()
    {
        var net = new NetworkBuilder("hil", dt: 1e-4, duration: 1.0, seed: 7, window: 0.005);
        net.PoissonSource("input", 16, rate: 40.0);
        net.LIF("lif", 16, tauMem: 0.02, tauSyn: 0.005, vThresh: -0.055, vReset: -0.065, vRest: -0.065, refractory: 0.002);
        net.Layer("board", "RecDynapSE", 64, new Dictionary<string, object?>
        {
            ["weights_rec"] = new Dictionary<string, object?>
            {
                ["generator"] = "in_res_dynapse_flex", ["size"] = 64, ["size_in"] = 16, ["max_fanin"] = 2, ["input_density"] = 0.25,
                ["connectivity"] = 0.1, ["ratio_exc_rec"] = 0.8, ["ratio_exc_in"] = 1.0,
            },
            ["l_input_core_ids"] = new[] { 0 }, ["input_chip_id"] = 0, ["chip_dt"] = 1e-05,
            ["iw_ampa"] = 1.5e-08, ["iw_nmda"] = 1e-09, ["iw_gaba_a"] = 2e-08, ["mismatch_std"] = 0.2, ["mismatch_seed"] = 42, ["device"] = "local",
        }, backend: "dynapse");
        net.LIF("readout", 4, tauMem: 0.02, tauSyn: 0.005, vThresh: -0.055, vReset: -0.065, vRest: -0.065, refractory: 0.002);
        net.Connect("input", "lif", Weights.OneToOne(0.05));
        net.Connect("lif", "board", Weights.OneToOne(1));
        net.Connect("board", "readout", Weights.Bernoulli(0.5, weight: 0.004), delay: 0.001);
        net.Record("input", "lif", "board", "readout");
        return net;
    }
}
