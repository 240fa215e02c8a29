using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;

namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// Writes a trained Dense → SpikingActivation → average over time → Dense model as an EventSpike network
/// file that <c>eventspike run</c> computes exactly as the model's inference pass:
///   hidden   PassThrough (W₁, b₁): x·W₁ + b₁ each step (fed by <c>--input hidden=FILE.npz</c>)
///   spiking  SpikingActivation with the model's activation and initial voltages (one_to_one, weight 1)
///   readout  FFExpSyn with weights W₂/dt, bias b₂ and τ_syn = 1e-9 s (no carry-over: e^(−dt/τ) = 0), so
///            its output at step t is n_t·W₂/dt + b₂ (the second Dense of that step's spikes)
///   average  TemporalAvgPool: the mean over the run's steps, probed as <c>sum</c> (prediction = sum/T)
/// The Dense of the time average equals the time average of the Dense (both linear).
/// </summary>
public static class SpikingNetworkExport
{
    public static JsonObject Network(string name, DenseLayer hidden, SpikingActivationLayer spiking, DenseLayer readout, double dt, int steps, ulong seed = 0)
    {
        if (hidden.ActivationName != "linear")
            throw new ArgumentException("the hidden Dense must be linear: the activation belongs to the SpikingActivation");
        if (readout.ActivationName != "linear") throw new ArgumentException("the readout Dense must be linear");
        var w2 = readout.Weights.Value.Select(w => w / dt).ToArray();
        return new JsonObject
        {
            ["name"] = name,
            ["dt"] = dt,
            ["duration"] = steps * dt,
            ["seed"] = seed,
            ["layers"] = new JsonArray(
                Layer("hidden", "PassThrough", hidden.OutputSize, new JsonObject
                {
                    ["weights"] = Matrix(hidden.Weights.Value, hidden.InputSize, hidden.OutputSize),
                    ["bias"] = ModelDict.List(hidden.Bias.Value),
                }),
                Layer("spiking", "SpikingActivation", spiking.OutputSize, new JsonObject
                {
                    ["activation"] = spiking.ActivationName,
                    ["split_negative"] = false,
                    ["initial_state"] = ModelDict.List(spiking.InitialState),
                }),
                Layer("readout", "FFExpSyn", readout.OutputSize, new JsonObject
                {
                    ["weights"] = Matrix(w2, readout.InputSize, readout.OutputSize),
                    ["bias"] = ModelDict.List(readout.Bias.Value),
                    ["tau_syn"] = 1e-9,
                }),
                Layer("average", "TemporalAvgPool", readout.OutputSize, new JsonObject())),
            ["connections"] = new JsonArray(OneToOne("hidden", "spiking"), OneToOne("spiking", "readout"), OneToOne("readout", "average")),
            ["record"] = new JsonArray("spiking"),
            ["probes"] = new JsonArray(new JsonObject { ["layer"] = "average", ["variable"] = "sum" }),
        };
    }

    private static JsonObject Layer(string name, string type, int size, JsonObject parameters) =>
        new() { ["name"] = name, ["type"] = type, ["size"] = size, ["params"] = parameters };

    private static JsonObject OneToOne(string from, string to) =>
        new() { ["from"] = from, ["to"] = to, ["weights"] = new JsonObject { ["generator"] = "one_to_one", ["weight"] = 1.0 } };

    private static JsonArray Matrix(double[] rowMajor, int rows, int cols)
    {
        var m = new JsonArray();
        for (var i = 0; i < rows; i++) m.Add((JsonNode)ModelDict.List(rowMajor.Skip(i * cols).Take(cols)));
        return m;
    }
}
