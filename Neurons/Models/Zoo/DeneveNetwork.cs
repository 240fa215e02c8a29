using System.Text.Json.Nodes;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// What <see cref="NetworkDeneve"/> builds: Rockpool's three-layer chain "Input" (PassThrough,
/// <see cref="WeightsIn"/> P×N) → "Deneve_Reservoir" (RecFSSpikeEulerBT) → "Output" (FFExpSyn,
/// <see cref="WeightsOut"/> N×P, τ = <see cref="TauSynOut"/>). Weights in Rockpool's layouts:
/// W_fast and W_slow are [post, pre]; W_in and W_out [pre, post]. Per-neuron vectors have N values.
/// </summary>
public sealed record DeneveNetwork(
    double[,] WeightsFast,
    double[,] WeightsSlow,
    double[,] WeightsIn,
    double[,] WeightsOut,
    double[] VThresh,
    double[] VReset,
    double[] VRest,
    double TauMem,
    double TauSynFast,
    double TauSynSlow,
    double TauSynOut,
    double NoiseStd,
    double Refractory)
{
    public int Size => WeightsFast.GetLength(0);

    /// <summary>The reservoir's <c>to_dict</c> (name "Deneve_Reservoir").</summary>
    public JsonObject ReservoirDict(double dt)
    {
        var d = ModelDict.Create("RecFSSpikeEulerBT", Size, dt);
        d["name"] = "Deneve_Reservoir";
        d["weights_fast"] = ModelDict.Matrix(WeightsFast);
        d["weights_slow"] = ModelDict.Matrix(WeightsSlow);
        d["bias"] = 0.0;
        d["noise_std"] = NoiseStd;
        d["tau_mem"] = TauMem;
        d["tau_syn_r_fast"] = TauSynFast;
        d["tau_syn_r_slow"] = TauSynSlow;
        d["v_thresh"] = ModelDict.PerNeuron(VThresh);
        d["v_reset"] = ModelDict.PerNeuron(VReset);
        d["v_rest"] = ModelDict.PerNeuron(VRest);
        d["refractory"] = Refractory;
        return d;
    }

    /// <summary>The reservoir as a model (streams: its noise; unused when noise_std is 0).</summary>
    public RecFSSpikeEulerBT BuildReservoir(double dt, Func<int, Xoshiro256StarStar> streams) =>
        (RecFSSpikeEulerBT)ModelCatalog.FromDict(ReservoirDict(dt), streams);

    /// <summary>
    /// The chain in Rockpool's <c>Network.save</c> layout (<c>layers</c> with <c>pre_layer_name</c>
    /// and <c>external_input</c>, <c>input_layer_name</c>). Rockpool gives its output layer dt = 10 µs;
    /// here every layer runs at <paramref name="dt"/>.
    /// </summary>
    public JsonObject NetworkDict(double dt)
    {
        var input = ModelDict.Create("PassThrough", Size, dt);
        input["name"] = "Input";
        input["weights"] = ModelDict.Matrix(WeightsIn);
        input["noise_std"] = NoiseStd;
        input["external_input"] = true;
        var reservoir = ReservoirDict(dt);
        reservoir["pre_layer_name"] = "Input";
        reservoir["external_input"] = false;
        var output = ModelDict.Create("FFExpSyn", WeightsOut.GetLength(1), dt);
        output["name"] = "Output";
        output["weights"] = ModelDict.Matrix(WeightsOut);
        output["noise_std"] = NoiseStd;
        output["tau_syn"] = TauSynOut;
        output["pre_layer_name"] = "Deneve_Reservoir";
        output["external_input"] = false;
        return new JsonObject
        {
            ["layers"] = new JsonArray(input, reservoir, output),
            ["input_layer_name"] = "Input",
        };
    }
}
