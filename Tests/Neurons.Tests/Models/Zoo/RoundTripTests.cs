using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Models.Zoo;

public class RoundTripTests
{
    private const string W23 = "[[0.5, -0.2, 0.01], [0.3, 0.4, 0.02]]";
    private const string R3 = "[[0, 0.2, -0.1], [0.1, 0, 0.3], [-0.2, 0.1, 0]]";

    /// <summary>One representative configuration per class name (noise on where the layer has it).</summary>
    public static readonly Dictionary<string, (int Size, double Dt, string Json)> Cases = new()
    {
        ["RecLIFJax"] = (3, 1e-3, $$"""{"w_recurrent": {{R3}}, "tau_mem": [0.02, 0.03, 0.04], "tau_syn": 0.05, "bias": -0.2, "noise_std": 0.3, "rng_key": [0, 42]}"""),
        ["RecLIFCurrentInJax"] = (3, 1e-3, $$"""{"w_recurrent": {{R3}}, "tau_mem": 0.02, "tau_syn": 0.05, "noise_std": 0.3}"""),
        ["RecLIFJax_IO"] = (2, 1e-3, $$"""{"w_in": {{W23}}, "w_recurrent": {{R3}}, "w_out": [[1, 0], [0, 1], [1, 1]], "tau_mem": 0.02, "tau_syn": 0.05, "noise_std": 0.3}"""),
        ["RecLIFCurrentInJax_IO"] = (2, 1e-3, $$"""{"w_in": {{W23}}, "w_recurrent": {{R3}}, "w_out": [[1, 0], [0, 1], [1, 1]], "tau_mem": 0.02, "tau_syn": 0.05, "bias": 0.1}"""),
        ["FFIAFTorch"] = (3, 1e-4, $$"""{"weights": {{W23}}, "noise_std": 0.002, "name": "ff"}"""),
        ["FFIAFRefrTorch"] = (3, 1e-4, $$"""{"weights": {{W23}}, "noise_std": 0.002, "refractory": 0.002}"""),
        ["FFIAFSpkInTorch"] = (3, 1e-4, $$"""{"weights": {{W23}}, "noise_std": 0.002}"""),
        ["FFIAFSpkInRefrTorch"] = (3, 1e-4, $$"""{"weights": {{W23}}, "refractory": 0.001}"""),
        ["RecIAFTorch"] = (3, 1e-4, $$"""{"weights": {{R3}}, "noise_std": 0.002}"""),
        ["RecIAFRefrTorch"] = (3, 1e-4, $$"""{"weights": {{R3}}, "refractory": 0.001}"""),
        ["RecIAFSpkInTorch"] = (3, 1e-4, $$"""{"weights_in": {{W23}}, "weights_rec": {{R3}}, "add_events": false}"""),
        ["RecIAFSpkInRefrTorch"] = (3, 1e-4, $$"""{"weights_in": {{W23}}, "weights_rec": {{R3}}, "refractory": 0.001, "noise_std": 0.002}"""),
        ["RecIAFSpkInRefrCLTorch"] = (3, 1e-4, $$"""{"weights_in": {{W23}}, "weights_rec": {{R3}}, "refractory": 0.001, "v_rest": null, "state_min": null}"""),
        ["FFIAFBrian"] = (3, 1e-4, $$"""{"weights": {{W23}}, "integrator_name": "rk4"}"""),
        ["FFIAFSpkInBrian"] = (3, 1e-4, $$"""{"weights": {{W23}}}"""),
        ["RecIAFBrian"] = (3, 1e-4, $$"""{"weights": {{R3}}}"""),
        ["RecIAFSpkInBrian"] = (3, 1e-4, $$"""{"weights_in": {{W23}}, "weights_rec": {{R3}}}"""),
        ["FFExpSyn"] = (3, 1e-4, $$"""{"weights": {{W23}}, "noise_std": 0.1, "bias": [0, 1, 2]}"""),
        ["FFExpSynTorch"] = (2, 1e-4, """{"weights": 2}"""),
        ["FFExpSynBrian"] = (3, 1e-4, $$"""{"weights": {{W23}}, "tau_syn": 0.01}"""),
        ["PassThroughEvents"] = (2, 1e-3, """{"weights": [[0, 2], [1, 1]]}"""),
        ["PassThrough"] = (3, 1e-3, $$"""{"weights": {{W23}}, "delay": 0.005, "noise_std": 0.1, "bias": 0.2}"""),
        ["FFRateEuler"] = (3, 1e-3, $$"""{"weights": {{W23}}, "tau": 0.02, "noise_std": 0.1, "activation_func": "tanh"}"""),
        ["RecRateEuler"] = (3, 1e-3, $$"""{"weights": {{R3}}, "tau": 0.02, "noise_std": 0.1}"""),
        ["RecRateEulerJax"] = (2, 1e-3, $$"""{"w_in": {{W23}}, "w_recurrent": {{R3}}, "w_out": [[1, 0], [0, 1], [1, 1]], "tau": 0.02, "bias": 0.1, "noise_std": 0.1}"""),
        ["ForceRateEulerJax"] = (2, 1e-3, $$"""{"w_in": {{W23}}, "w_out": [[1, 0], [0, 1], [1, 1]], "tau": 0.02, "bias": 0.1, "noise_std": 0.1}"""),
        ["FFCLIAF"] = (3, 1e-3, $$"""{"weights": {{W23}}, "bias": -0.01, "v_thresh": 0.5, "v_subtract": 0.5, "monitor_id": [0, 1]}"""),
        ["RecCLIAF"] = (3, 1e-3, $$"""{"weights_in": {{W23}}, "weights_rec": {{R3}}, "v_thresh": 0.5, "v_subtract": null, "refractory": 0.002, "delay": 0.003, "tTauBias": 0.002, "bias": -0.01, "state_type": "float32"}"""),
        ["RecDIAF"] = (3, 1e-3, $$"""{"weights_in": [[16, 0, 0], [0, 0, 10]], "weights_rec": [[0, 5, 0], [0, 0, 0], [0, 0, 0]], "v_thresh": 5, "v_subtract": 5, "delay": 0.0025, "refractory": 0.0015, "tau_leak": 0.01}"""),
        ["SoftMaxLayer"] = (3, 1e-3, $$"""{"weights": {{W23}}}"""),
        ["FFUpDown"] = (12, 1e-3, """{"weights": [2, 3], "tau_decay": 0.01, "noise_std": 0.01, "repeat_output": 2, "thr_up": 0.05}"""),
        ["SpikingActivation"] = (6, 1e-3, """{"activation": "tanh"}"""),
        ["SpikingActivationCounts"] = (3, 1e-3, """{"activation": "tanh"}"""),
        ["Lowpass"] = (3, 1e-3, """{"tau": [0.01, 0.02, 0.03], "initial_level": 0.5}"""),
        ["Alpha"] = (3, 1e-3, """{"tau": 0.01}"""),
        ["TemporalAvgPool"] = (3, 1e-3, "{}"),
        ["RecFSSpikeEulerBT"] = (3, 1e-4, $$"""{"weights_fast": {{R3}}, "weights_slow": [[0, 0.01, 0], [0.02, 0, -0.01], [0, 0, 0.01]], "bias": 0.012, "noise_std": 0.001, "v_reset": [-0.065, -0.066, -0.064], "refractory": 0.0005, "name": "res"}"""),
        ["FFIAFNest"] = (3, 1e-4, $$"""{"weights": [[0.5, 0.2, 0.01], [0.3, 0.4, 0.02]], "bias": 0.01, "capacity": [0.02, 0.03, 0.025]}"""),
        ["RecIAFSpkInNest"] = (3, 1e-4, $$"""{"weights_in": [[5, -2, 1], [3, 4, 2]], "weights_rec": [[0, 2, -1], [1, 0, 3], [-2, 1, 0]], "bias": 0.012, "tau_syn_inh": 0.01, "delay_rec": 0.0003, "refractory": 0.002}"""),
        ["RecAEIFSpkInNest"] = (3, 1e-4, $$"""{"weights_in": [[5, -2, 1], [3, 4, 2]], "weights_rec": [[0, 2, -1], [1, 0, 3], [-2, 1, 0]], "bias": 0.012, "delay_in": 0.0002, "tau_syn_exc": 0.02, "delta_t": [0.002, 0, 0.001]}"""),
    };

    public static IEnumerable<object[]> Names => ZooCatalog.Names.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Names))]
    public void ToDict_through_JSON_text_and_FromDict_gives_an_identical_evolve(string name)
    {
        Assert.True(Cases.ContainsKey(name), $"no round-trip case for {name}");
        var (size, dt, json) = Cases[name];
        var original = Make(name, size, dt, json);
        // Advance a little first: the dict holds parameters, not state, so both then start from reset.
        Drive(original, 20, new System.Random(5));
        var text = original.ToDict().ToJsonString();
        var dict = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(name, dict["class_name"]!.GetValue<string>());
        var rebuilt = ModelCatalog.FromDict(dict, Streams());
        Assert.Equal(text, rebuilt.ToDict().ToJsonString());
        original.ResetState();
        ResetNoise(original, rebuilt);
        var a = Drive(original, 300, new System.Random(9));
        var b = Drive(rebuilt, 300, new System.Random(9));
        Assert.Equal(a, b);
        foreach (var state in original.StateNames) Assert.Equal(original.GetState(state), rebuilt.GetState(state));
    }

    [Fact]
    public void Every_zoo_name_is_in_the_catalog()
    {
        foreach (var name in ZooCatalog.Names) Assert.True(ModelCatalog.IsKnown(name), name);
        Assert.Contains("RecIAFSpkInRefrCLTorch", ZooCatalog.Names);
    }

    [Fact]
    public void A_Rockpool_dict_without_size_takes_the_size_from_its_weights()
    {
        var dict = JsonNode.Parse("""{"class_name": "FFExpSyn", "weights": [[1, 2, 3]], "dt": 0.001, "noise_std": 0, "name": "readout", "bias": 0, "tau_syn": 0.005, "add_events": true}""")!.AsObject();
        var model = ModelCatalog.FromDict(dict, Streams());
        Assert.Equal(3, model.Size);
        Assert.Equal(0.001, model.Dt);
    }

    private static void ResetNoise(ILayerModel original, ILayerModel rebuilt)
    {
        // Both were built from the same streams; the original has drawn since: give it the rebuilt one's start.
        original.SetRandomState(rebuilt.GetRandomState());
    }

    /// <summary>Random input on every port; returns a transcript of spikes and outputs.</summary>
    private static List<string> Drive(ILayerModel model, int steps, System.Random rng)
    {
        var transcript = new List<string>();
        for (var k = 0; k < steps; k++)
        {
            var inputs = model.Ports.Select(p => Enumerable.Range(0, p.Width)
                .Select(_ => p.Kind == PortKind.Spikes ? (rng.NextDouble() < 0.3 ? 1.0 : 0.0) : rng.NextDouble() * 2 - 0.5).ToArray()).ToArray();
            if (model.ClassName.Contains("Torch") || model.ClassName.Contains("Brian"))
                for (var i = 0; i < inputs.Length; i++)
                    for (var j = 0; j < inputs[i].Length; j++) inputs[i][j] *= 0.1;
            if (model.ClassName.StartsWith("SpikingActivation", StringComparison.Ordinal))
                for (var j = 0; j < inputs[0].Length; j++) inputs[0][j] = (inputs[0][j] - 0.5) * 2000;
            var spikes = Step(model, k, inputs);
            transcript.Add(string.Join(",", spikes) + "|" + string.Join(",", model.Output.ToArray().Select(v => v.ToString("R"))));
        }
        return transcript;
    }
}
