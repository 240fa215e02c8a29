using EventSpike.Neurons.Models.Zoo;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Training.Gradient;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Training;

public class RateReservoirAdamTests
{
    private const string Json = """
        {"w_in": [[0.5, -0.3, 0.8], [0.1, 0.9, -0.4]], "w_recurrent": [[0.2, -0.5, 0.1], [0.3, 0.1, -0.2], [-0.4, 0.6, 0.05]],
         "w_out": [[1.0, 0.2], [-0.5, 0.7], [0.3, -0.6]], "tau": [0.02, 0.005, 0.05], "bias": [0.1, -0.2, 0.05], "activation_func": "H_tanh"}
        """;

    private static (double[][] Input, double[][] Target) Data(int steps)
    {
        var rng = StreamSeed.Generator(4, "rate-adam", 0);
        var input = Enumerable.Range(0, steps).Select(k => new[] { Math.Sin(0.1 * k), rng.NextGaussian() }).ToArray();
        var target = Enumerable.Range(0, steps).Select(k => new[] { 0.5 * Math.Sin(0.1 * k + 0.3), 0.2 }).ToArray();
        return (input, target);
    }

    [Fact]
    public void The_forward_pass_is_the_models_and_the_gradients_match_finite_differences()
    {
        var (input, target) = Data(25);
        var trainer = new RateReservoirAdam((RecRateEulerJax)Make("RecRateEulerJax", 0, 0.001, Json));
        // Targets equal to the model's own outputs leave only the W_rec penalty (τ_min = 0: no τ penalty).
        var model = Make("RecRateEulerJax", 0, 0.001, Json);
        var own = input.Select((row, k) => { Step(model, k, row); return model.Output.ToArray(); }).ToArray();
        var wRec = trainer.WRec.Value;
        Assert.Equal(wRec.Average(w => w * w), trainer.Gradients(input, own, 0), 12);

        // τ_min = 0.01 puts unit 1 (τ = 5 ms) under the τ penalty.
        trainer.Gradients(input, target, 0.01);
        foreach (var p in trainer.Parameters)
        {
            var analytic = (double[])p.Grad.Clone();
            for (var i = 0; i < p.Value.Length; i++)
            {
                var keep = p.Value[i];
                var h = p.Name == "tau" ? 1e-7 : 1e-6;
                p.Value[i] = keep + h;
                var up = trainer.Gradients(input, target, 0.01);
                p.Value[i] = keep - h;
                var down = trainer.Gradients(input, target, 0.01);
                p.Value[i] = keep;
                GradientCheck.Close((up - down) / (2 * h), analytic[i], 1e-5, $"{p.Name}[{i}]");
            }
        }
    }

    [Fact]
    public void Repeated_adam_steps_lower_the_loss_and_the_trained_model_runs()
    {
        var (input, target) = Data(40);
        var layer = (RecRateEulerJax)Make("RecRateEulerJax", 0, 0.001, Json);
        var trainer = new RateReservoirAdam(layer, learningRate: 1e-2);
        var first = trainer.TrainAdam(input, target, minTau: 0.001);
        double last = first;
        for (var i = 0; i < 150; i++) last = trainer.TrainAdam(input, target, minTau: 0.001);
        Assert.True(last < 0.5 * first, $"loss {first} → {last}");
        Assert.Equal(new double[3], layer.GetState("x"));   // training does not advance the reservoir
        var trained = trainer.Model(Streams());
        Assert.Equal(0, trainer.Gradients(input, input.Select((row, k) => { Step(trained, k, row); return trained.Output.ToArray(); }).ToArray(), 0)
            - trainer.WRec.Value.Average(w => w * w), 12);
    }
}
