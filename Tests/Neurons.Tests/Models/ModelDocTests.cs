using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Tests.Models.Zoo;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Models;

/// <summary>
/// Each class's <see cref="ModelDoc"/> is held to its code: the documented parameters are exactly
/// those the model reads (<see cref="LayerParameters.ReadNames"/>, the set <c>ThrowIfUnknown</c>
/// accepts, over the working parameter case, the required parameters alone, and the extra cases
/// below for parameters read on some paths only); a literal default is what the model takes
/// (<see cref="ILayerModel.ToDict"/> of a model built with its required parameters alone); a
/// required parameter is refused when missing; the documented state and ports are the model's.
/// </summary>
public class ModelDocTests
{
    /// <summary>
    /// Parameter sets for parameters only some paths read: merged over the required ones, after
    /// removing those named in Remove.
    /// </summary>
    private static readonly Dictionary<string, (string Merge, string[] Remove)[]> PathCases = new()
    {
        ["LIF"] = [("""{"v_init_mean": -0.06, "v_init_std": 0.001}""", [])],
        ["Lowpass"] = [("""{"tau_initializer": 0.01}""", ["tau"])],
        ["Alpha"] = [("""{"tau_initializer": 0.01}""", ["tau"])],
    };

    public static IEnumerable<object[]> Names => ModelCatalog.Names.Select(n => new object[] { n });

    private static (int Size, double Dt, string Json) Case(string name)
    {
        var found = ModelInfoTests.CoreCases.TryGetValue(name, out var c) || RoundTripTests.Cases.TryGetValue(name, out c);
        Assert.True(found, $"no working parameters for '{name}'");
        return c;
    }

    /// <summary>The working case's parameters that the documentation calls required (and nothing else).</summary>
    private static JsonObject RequiredOnly(string name)
    {
        var doc = ModelCatalog.Document(name);
        var all = JsonNode.Parse(Case(name).Json)!.AsObject();
        var required = new JsonObject();
        foreach (var p in doc.Parameters.Where(p => p.IsRequired))
        {
            Assert.True(all.ContainsKey(p.Name), $"{name}: the working case lacks the required parameter '{p.Name}'");
            required[p.Name] = all[p.Name]!.DeepClone();
        }
        return required;
    }

    private static (ILayerModel Model, LayerParameters Parameters) Build(string name, string json)
    {
        var (size, dt, _) = Case(name);
        var parameters = Params(json);
        return (ModelCatalog.Create(name, size, dt, parameters, Streams()), parameters);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_documented_parameters_are_exactly_those_the_model_reads(string name)
    {
        var documented = ModelCatalog.Document(name).Parameters.Select(p => p.Name).ToList();
        Assert.Equal(documented.Count, documented.Distinct().Count());
        var required = RequiredOnly(name);
        var sets = new List<string> { Case(name).Json, required.ToJsonString() };
        foreach (var (extra, remove) in PathCases.GetValueOrDefault(name, []))
        {
            var merged = (JsonObject)required.DeepClone();
            foreach (var key in remove) merged.Remove(key);
            foreach (var (key, value) in JsonNode.Parse(extra)!.AsObject()) merged[key] = value?.DeepClone();
            sets.Add(merged.ToJsonString());
        }
        var read = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var json in sets) read.UnionWith(Build(name, json).Parameters.ReadNames);
        var missing = read.Except(documented).ToList();
        var extraDocumented = documented.Except(read).ToList();
        Assert.True(missing.Count == 0 && extraDocumented.Count == 0,
            $"{name}: read but not documented: [{string.Join(", ", missing)}]; documented but never read: [{string.Join(", ", extraDocumented)}]");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_documented_literal_defaults_are_the_defaults_the_model_takes(string name)
    {
        var required = RequiredOnly(name).ToJsonString();
        var dict = Build(name, required).Model.ToDict();
        var compared = 0;
        foreach (var p in ModelCatalog.Document(name).Parameters)
        {
            if (!p.TryGetDefaultValue(out var expected) || !dict.TryGetPropertyValue(p.Name, out var actual)) continue;
            compared++;
            var same = expected is JsonValue e && actual is JsonValue a && e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number
                ? Number(e) == Number(a)
                : JsonNode.DeepEquals(expected, actual);
            Assert.True(same, $"{name}: '{p.Name}' is documented with default {p.Default}, the model built with {required} takes {actual?.ToJsonString() ?? "null"}");
        }
        Assert.True(compared > 0, $"{name}: no documented default could be compared with ToDict");
    }

    private static double Number(JsonNode n) => JsonSerializer.Deserialize<double>(n.ToJsonString());

    [Theory]
    [MemberData(nameof(Names))]
    public void A_documented_required_parameter_is_refused_when_missing(string name)
    {
        var required = RequiredOnly(name);
        foreach (var p in ModelCatalog.Document(name).Parameters.Where(p => p.IsRequired))
        {
            var without = (JsonObject)required.DeepClone();
            without.Remove(p.Name);
            Assert.ThrowsAny<ModelParameterException>(() => Build(name, without.ToJsonString()));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_documented_state_variables_and_ports_are_the_model_s(string name)
    {
        var doc = ModelCatalog.Document(name);
        var info = ModelCatalog.Describe(name);
        var model = Build(name, Case(name).Json).Model;
        Assert.Equal(model.StateNames, doc.State.Select(s => s.Name).ToList());
        Assert.Equal(info.Ports.Select(p => p.Name), doc.Ports.Select(p => p.Name));
        Assert.Equal(model.Ports.Select(p => p.Name), doc.Ports.Select(p => p.Name));
        Assert.False(string.IsNullOrWhiteSpace(doc.Family));
        Assert.False(string.IsNullOrWhiteSpace(doc.Summary));
        Assert.False(string.IsNullOrWhiteSpace(doc.Equations));
        Assert.False(string.IsNullOrWhiteSpace(doc.Integration));
        Assert.All(doc.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Unit) || string.IsNullOrWhiteSpace(p.Meaning), $"{name}.{p.Name}"));
    }

    [Fact]
    public void Registering_documentation_whose_ports_differ_from_the_info_is_refused()
    {
        var info = new ModelInfo("DocTestModel", SignalKind.Spikes, new PortInfo("syn", PortKind.Spikes));
        var doc = ModelCatalog.Document("LIF") with { Ports = [new PortDoc("other", "x")] };
        Assert.Throws<ArgumentException>(() => ModelCatalog.Register(info, (_, _, _, _) => throw new InvalidOperationException(), doc));
        Assert.False(ModelCatalog.IsKnown("DocTestModel"));
        Assert.Throws<KeyNotFoundException>(() => ModelCatalog.Document("DocTestModel"));
    }

    [Fact]
    public void A_default_is_a_value_only_when_it_is_a_JSON_literal()
    {
        Assert.True(new ParameterDoc("a", "0.02", "s", "x").TryGetDefaultValue(out var number));
        Assert.Equal(0.02, number!.GetValue<double>());
        Assert.True(new ParameterDoc("a", "null", "s", "x").TryGetDefaultValue(out var none));
        Assert.Null(none);
        Assert.True(new ParameterDoc("a", "\"relu\"", "—", "x").TryGetDefaultValue(out var text));
        Assert.Equal("relu", text!.GetValue<string>());
        Assert.False(new ParameterDoc("a", "v_rest", "V", "x").TryGetDefaultValue(out _));
        Assert.False(new ParameterDoc("a", ParameterDoc.Required, "V", "x").TryGetDefaultValue(out _));
        Assert.True(new ParameterDoc("a", ParameterDoc.Required, "V", "x").IsRequired);
    }
}
