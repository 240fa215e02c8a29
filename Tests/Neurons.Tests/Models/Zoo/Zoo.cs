using System.Text.Json;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Tests.Models.Zoo;

/// <summary>Builds zoo models from JSON parameter text and drives them step by step.</summary>
internal static class Zoo
{
    public static Func<int, Xoshiro256StarStar> Streams(ulong seed = 42) => b => StreamSeed.Generator(seed, "zoo-test", b);

    public static LayerParameters Params(string json)
    {
        var dict = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        return new LayerParameters(dict);
    }

    public static ILayerModel Make(string type, int size, double dt, string json, ulong seed = 42) =>
        ModelCatalog.Create(type, size, dt, Params(json), Streams(seed));

    /// <summary>One step with the given inputs on each port (missing ports get zeros).</summary>
    public static List<int> Step(ILayerModel model, long step, params double[][] inputs)
    {
        var portInput = model.Ports.Select((p, i) => i < inputs.Length ? inputs[i] : new double[p.Width]).ToArray();
        var spikes = new List<int>();
        model.Step(step, portInput, spikes);
        return spikes;
    }

    /// <summary>Runs <paramref name="steps"/> steps; returns the spike list of each step.</summary>
    public static List<List<int>> Run(ILayerModel model, int steps, Func<int, double[][]>? input = null, long first = 0)
    {
        var result = new List<List<int>>();
        for (var k = 0; k < steps; k++)
            result.Add(Step(model, first + k, input?.Invoke(k) ?? []));
        return result;
    }

    public static double[] Zeros(int n) => new double[n];

    public static double[] Fill(int n, double v) => Enumerable.Repeat(v, n).ToArray();

    public static void Close(double expected, double actual, double relative, string? what = null)
    {
        var tolerance = relative * Math.Max(Math.Abs(expected), 1e-300);
        if (Math.Abs(expected - actual) > tolerance)
            throw new Xunit.Sdk.XunitException($"{what}: expected {expected:R}, got {actual:R} (relative tolerance {relative})");
    }
}
