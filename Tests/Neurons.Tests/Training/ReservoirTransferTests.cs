using System.Text.Json.Nodes;
using EventSpike.Neurons.Models.Zoo;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Training;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Training;

public class ReservoirTransferTests
{
    [Fact]
    public void A_forced_reservoir_regresses_the_recurrent_weights_of_the_target_reservoir()
    {
        const int n = 6, m = 2, steps = 1500;
        var rng = StreamSeed.Generator(3, "force-test", 0);
        double[][] Matrix(int r, int c, double scale) => Enumerable.Range(0, r).Select(_ => Enumerable.Range(0, c).Select(_ => scale * rng.NextGaussian()).ToArray()).ToArray();
        var wIn = Matrix(m, n, 1.0);
        var wRec = Matrix(n, n, 0.6);
        var wOut = Matrix(n, 1, 1.0);
        string Json(double[][] w) => new JsonArray(w.Select(r => (JsonNode)new JsonArray(r.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray())).ToArray()).ToJsonString();
        var common = "\"w_in\": " + Json(wIn) + ", \"w_out\": " + Json(wOut) + ", \"tau\": 0.02, \"bias\": 0.1, \"activation_func\": \"H_tanh\"";
        var target = (RecRateEulerJax)Make("RecRateEulerJax", 0, 1e-3, "{" + common + ", \"w_recurrent\": " + Json(wRec) + "}");
        var forced = (RecRateEulerJax)Make("ForceRateEulerJax", 0, 1e-3, "{" + common + "}");
        var input = Enumerable.Range(0, steps).Select(k => new[] { Math.Sin(k * 0.013) + 0.3 * rng.NextGaussian(), Math.Cos(k * 0.007) }).ToArray();
        var force = new double[steps][];
        for (var k = 0; k < steps; k++)
        {
            var a = target.GetState("x").Select(Math.Tanh).ToArray();
            force[k] = Enumerable.Range(0, n).Select(j => Enumerable.Range(0, n).Sum(i => a[i] * wRec[i][j])).ToArray();
            Step(target, k, input[k]);
        }
        var transfer = new ReservoirTransfer(forced, regularize: 0);
        transfer.Add(input, force);
        // The forced reservoir followed the target exactly.
        var (xt, xf) = (target.GetState("x"), forced.GetState("x"));
        for (var j = 0; j < n; j++) Assert.Equal(xt[j], xf[j], 1e-12);
        var learned = transfer.Solve();
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) Assert.Equal(wRec[i][j], learned[i, j], 1e-6);
    }
}
