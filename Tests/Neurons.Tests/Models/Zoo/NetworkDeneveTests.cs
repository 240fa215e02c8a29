using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Models.Zoo;

public class NetworkDeneveTests
{
    [Fact]
    public void SolveLinearProblem_gives_the_digest_formulas()
    {
        var gamma = new double[,] { { 1.0, -0.5, 0.2 }, { 0.5, 1.0, -0.3 } };
        var a = new double[,] { { -1.0, 2.0 }, { 0.5, -3.0 } };
        const double mu = 1e-4, nu = 1e-3, tauMem = 0.02, tauF = 0.001, tauS = 0.1, lambda = 10;
        var net = NetworkDeneve.SolveLinearProblem(a, gamma: gamma);
        Assert.Equal(3, net.Size);
        for (var i = 0; i < 3; i++)
        {
            var l1 = Math.Abs(gamma[0, i]) + Math.Abs(gamma[1, i]);
            var vt = (nu * lambda + mu * lambda * lambda + l1 * l1) / 2;
            var scale = 0.01 / vt; // (v_thresh − v_rest)/v_t
            var gg = gamma[0, i] * gamma[0, i] + gamma[1, i] * gamma[1, i];
            Assert.Equal(-0.055 - scale * (gg + mu * lambda * lambda), net.VReset[i], 14);
            Assert.Equal(-0.055, net.VThresh[i]);
            Assert.Equal(0.0, net.WeightsFast[i, i]);
            for (var j = 0; j < 3; j++)
            {
                var gTg = gamma[0, i] * gamma[0, j] + gamma[1, i] * gamma[1, j];
                if (i != j) Assert.Equal(-scale * gTg * tauMem / tauF, net.WeightsFast[i, j], 12);
                var slow = 0.0;
                for (var r = 0; r < 2; r++)
                    for (var k = 0; k < 2; k++)
                        slow += gamma[r, i] * (a[r, k] + (r == k ? lambda : 0)) * gamma[k, j];
                Assert.Equal(scale * slow * tauMem, net.WeightsSlow[i, j], 12);
            }
            for (var k = 0; k < 2; k++)
            {
                Assert.Equal(scale * gamma[k, i] * tauMem, net.WeightsIn[k, i], 14);
                Assert.Equal(gamma[k, i], net.WeightsOut[i, k]);
            }
        }
        Assert.Equal((tauS, tauS, tauF, tauMem), (net.TauSynSlow, net.TauSynOut, net.TauSynFast, net.TauMem));
        var chain = net.NetworkDict(1e-4);
        Assert.Equal("Input", chain["input_layer_name"]!.GetValue<string>());
        Assert.Equal(["PassThrough", "RecFSSpikeEulerBT", "FFExpSyn"], chain["layers"]!.AsArray().Select(l => l!["class_name"]!.GetValue<string>()));
        foreach (var layer in chain["layers"]!.AsArray())
        {
            var d = layer!.AsObject().DeepClone().AsObject();
            d.Remove("pre_layer_name");
            d.Remove("external_input");
            Assert.NotNull(ModelCatalog.FromDict(d, Streams()));
        }
    }

    [Fact]
    public void The_default_gamma_has_columns_of_L1_norm_50_over_N()
    {
        var net = NetworkDeneve.SolveLinearProblem(new double[,] { { -1, 0 }, { 0, -1 } }, netSize: 40, rng: Streams()(0));
        Assert.Equal(40, net.Size);
        for (var i = 0; i < 40; i++) Assert.Equal(50.0 / 40, Math.Abs(net.WeightsOut[i, 0]) + Math.Abs(net.WeightsOut[i, 1]), 12);
    }

    [Theory]
    [InlineData(1e-4, 1e-3)]
    [InlineData(0.0, 0.0)]
    public void The_network_tracks_a_leaky_integrator_driven_by_a_constant_command(double mu, double nu)
    {
        // ẋ = −10·x + c with c = 10: x(t) = 1 − e^(−10t). Decoders ±0.1, so x̂ moves in steps of 0.1.
        // A neuron fires when Γ_i·(x − x̂) exceeds v_t = (νλ + μλ² + Γ_i²)/2, so x̂ lags x by up to
        // v_t/|Γ_i| (0.15 with Rockpool's costs, 0.05 without), and a spike moves it by |Γ_i|.
        // τ_mem = τ_syn_slow, as Boerlin et al. derive it (a faster membrane adds a steady lag).
        const int n = 20;
        const double dt = 1e-4, c = 10, tauS = 0.1;
        var gamma = new double[1, n];
        for (var i = 0; i < n; i++) gamma[0, i] = i % 2 == 0 ? 0.1 : -0.1;
        var net = NetworkDeneve.SolveLinearProblem(new double[,] { { -10 } }, gamma: gamma, mu: mu, nu: nu, tauMem: tauS);
        var lag = (nu / tauS + mu / (tauS * tauS) + 0.01) / 2 / 0.1;
        var reservoir = net.BuildReservoir(dt, Streams());
        var input = Enumerable.Range(0, n).Select(i => c * net.WeightsIn[0, i]).ToArray();
        var r = new double[n];
        var decay = Math.Exp(-dt / tauS);
        var errors = new List<double>();
        var spikes = 0;
        for (var k = 0; k < 10000; k++)
        {
            for (var i = 0; i < n; i++) r[i] *= decay;
            foreach (var j in Step(reservoir, k, input))
            {
                r[j] += 1;
                spikes++;
            }
            var estimate = Enumerable.Range(0, n).Sum(i => gamma[0, i] * r[i]);
            var t = (k + 1) * dt;
            if (t >= 0.3) errors.Add(estimate - (1 - Math.Exp(-10 * t)));
        }
        // x̂ settles near 1 = 0.1·Σr, i.e. about 100 spikes/s once tracking.
        Assert.InRange(spikes, 60, 130);
        Assert.True(errors.Average(Math.Abs) < lag + 0.05, $"mean |error| {errors.Average(Math.Abs)}, lag {lag}");
        Assert.True(errors.Max(Math.Abs) < lag + 0.1, $"max |error| {errors.Max(Math.Abs)}, lag {lag}");
    }
}
