using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using EventSpike.Neurons.Tests.Models.Zoo;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Models;

/// <summary>
/// What <see cref="ModelCatalog.Describe"/> declares of each class is what a model built under
/// that name has: class name, output kind, port names and kinds in order, and source-ness.
/// </summary>
public class ModelInfoTests
{
    /// <summary>Working parameters for the core models; the zoo's come from <see cref="RoundTripTests.Cases"/>.</summary>
    public static readonly Dictionary<string, (int Size, double Dt, string Json)> CoreCases = new()
    {
        ["LIF"] = (3, 1e-4, """{"tau_mem": 0.02}"""),
        ["PoissonSource"] = (3, 1e-4, """{"rate": [5, 10, 20]}"""),
        ["iaf_psc_exp"] = (3, 1e-4, """{"tau_syn_exc": 0.004, "v_init": -0.055}"""),
        ["iaf_psc_delta"] = (3, 1e-4, """{"bias": 0.001}"""),
        ["iaf_cond_exp"] = (3, 1e-4, "{}"),
        ["iaf_psc_alpha"] = (3, 1e-4, "{}"),
        ["NirNeuron"] = (3, 1e-4, """{"tau_mem": 0.01, "tau_syn": [0, 0.005, 0.005], "v_threshold": 0.5, "reset": "subtract", "spikes": "delta"}"""),
        ["NirIntegrator"] = (3, 1e-4, """{"tau_mem": 0.01, "r": 2, "method": "euler", "shape": [1, 3]}"""),
        ["NirThreshold"] = (3, 1e-4, """{"threshold": [0.1, 0.2, 0.3]}"""),
        ["NirOutput"] = (3, 1e-4, """{"bias": 0.5}"""),
        ["NirInput"] = (3, 1e-4, """{"shape": [3]}"""),
        ["RecDynapSE"] = (3, 1e-4, """{"weights_in": [[2, 0, 0], [0, -1, 0]], "weights_rec": [[0, 3, 0], [0, 0, 1], [-1, 0, 0]], "i_dc": 2e-11}"""),
        ["VirtualDynapse"] = (3, 1e-4, """{"connections_ext": [[1, 0, 2]], "ids_in": [100], "connections_rec": [[0, 1, 0], [0, 0, -1], [2, 0, 0]], "bias": 0.005}"""),
    };

    public static IEnumerable<object[]> Names => ModelCatalog.Names.Select(n => new object[] { n });

    private static ILayerModel Build(string name)
    {
        var found = CoreCases.TryGetValue(name, out var c) || RoundTripTests.Cases.TryGetValue(name, out c);
        Assert.True(found, $"no working parameters for '{name}': add a case so its declared info is checked");
        return Make(name, c.Size, c.Dt, c.Json);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_model_built_under_each_name_has_the_declared_ports_output_kind_and_source_ness(string name)
    {
        var info = ModelCatalog.Describe(name);
        var model = Build(name);
        Assert.Equal(name, info.ClassName);
        Assert.Equal(info.ClassName, model.ClassName);
        Assert.Equal(info.OutputKind, model.OutputKind);
        Assert.Equal(info.Ports, model.Ports.Select(PortInfo.Of).ToList());
        Assert.Equal(info.IsSource, model.Ports.Count == 0);
    }

    [Fact]
    public void Every_model_runs_on_the_cpu_and_only_iaf_psc_exp_also_on_the_gpu()
    {
        foreach (var info in ModelCatalog.Infos)
        {
            var expected = info.ClassName == IafPscExp.TypeName ? new[] { "cpu", "gpu" }
                : EventSpike.Hardware.Dynapse.Layers.DynapseModels.Names.Contains(info.ClassName) ? ["cpu", "dynapse"] : ["cpu"];
            Assert.True(info.Backends.SetEquals(expected), $"{info.ClassName}: backends {string.Join(", ", info.Backends)}");
        }
    }

    [Fact]
    public void Infos_has_one_info_per_registered_name_in_name_order_aliases_included()
    {
        Assert.Equal(ModelCatalog.Names, ModelCatalog.Infos.Select(i => i.ClassName).ToList());
        Assert.Equal(6 + ZooCatalog.Names.Count + Neurons.Models.Nir.NirCatalog.Names.Count + EventSpike.Hardware.Dynapse.Layers.DynapseModels.Names.Count, ModelCatalog.Infos.Count); // six core models, the zoo, the NIR models and the DYNAP-SE layers
        Assert.Equal(ModelCatalog.Describe("FFExpSyn") with { ClassName = "FFExpSynBrian" }, ModelCatalog.Describe("FFExpSynBrian"));
    }

    [Fact]
    public void The_core_models_declare_their_ports_and_the_Poisson_generator_and_the_NIR_input_are_the_only_sources()
    {
        Assert.Equal(["NirInput", "PoissonSource"], ModelCatalog.Infos.Where(i => i.IsSource).Select(i => i.ClassName));
        Assert.Equal(new[] { ("exc", PortKind.Spikes), ("inh", PortKind.Spikes), ("current", PortKind.Current) },
            ModelCatalog.Describe("iaf_cond_exp").Ports.Select(p => (p.Name, p.Kind)));
        Assert.Equal(new[] { ("syn", PortKind.Spikes), ("current", PortKind.Current) },
            ModelCatalog.Describe("LIF").Ports.Select(p => (p.Name, p.Kind)));
        Assert.Equal(SignalKind.Continuous, ModelCatalog.Describe("RecLIFJax_IO").OutputKind);
        Assert.Equal(SignalKind.Spikes, ModelCatalog.Describe("RecLIFJax").OutputKind);
    }

    [Fact]
    public void Describing_a_class_that_needs_weights_builds_nothing_and_needs_no_parameters()
    {
        // ForceRateEulerJax cannot be built without its weights: Describe still answers.
        Assert.Throws<ModelParameterException>(() => Make("ForceRateEulerJax", 1, 1e-3, "{}"));
        var info = ModelCatalog.Describe("ForceRateEulerJax");
        Assert.False(info.IsSource);
        Assert.Equal(SignalKind.Continuous, info.OutputKind);
        Assert.Equal([new PortInfo("input", PortKind.Current), new PortInfo("force", PortKind.Current)], info.Ports);
    }

    [Fact]
    public void An_unknown_class_is_a_KeyNotFoundException_for_Describe_and_false_for_TryDescribe()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => ModelCatalog.Describe("NoSuchModel"));
        Assert.Contains("NoSuchModel", e.Message);
        Assert.Contains("iaf_psc_exp", e.Message);
        Assert.False(ModelCatalog.TryDescribe("NoSuchModel", out var info));
        Assert.Null(info);
        Assert.True(ModelCatalog.TryDescribe("PoissonSource", out var poisson));
        Assert.True(poisson.IsSource);
    }

    [Fact]
    public void A_ModelInfo_refuses_two_ports_of_one_name_and_no_backend_and_compares_by_value()
    {
        var syn = new PortInfo("syn", PortKind.Spikes);
        Assert.Throws<ArgumentException>(() => new ModelInfo("X", SignalKind.Spikes, syn, syn));
        Assert.Throws<ArgumentException>(() => new ModelInfo("X", SignalKind.Spikes, [syn], new HashSet<string>()));
        Assert.Throws<ArgumentException>(() => new ModelInfo("", SignalKind.Spikes));
        var a = new ModelInfo("X", SignalKind.Spikes, [syn], new HashSet<string> { "gpu", "cpu" });
        var b = new ModelInfo("X", SignalKind.Spikes, [new PortInfo("syn", PortKind.Spikes)], ModelInfo.CpuAndGpu);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Ports = [new PortInfo("syn", PortKind.Current)] });
        Assert.NotEqual(a, b with { Backends = ModelInfo.CpuOnly });
        Assert.Throws<ArgumentException>(() => a with { Ports = [syn, syn] });
    }
}
