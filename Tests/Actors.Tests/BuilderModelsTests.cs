using System.Reflection;
using EventSpike.Actors.Builder;
using EventSpike.Neurons.Models;
using Xunit;

namespace EventSpike.Actors.Tests;

/// <summary>The builder's typed layer methods are what <see cref="TypedLayerSource"/> generates from the catalog: one per model, its parameters named and documented.</summary>
public class BuilderModelsTests
{
    public const string WriteVariable = "EVENTSPIKE_WRITE_BUILDER_MODELS";

    private static string FilePath
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EventSpike.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("EventSpike.sln not found"), "Actors", "Builder", "NetworkBuilder.Models.g.cs");
        }
    }

    [Fact]
    public void The_typed_methods_are_what_the_catalog_generates()
    {
        var generated = TypedLayerSource.Generate();
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1") File.WriteAllText(FilePath, generated);
        Assert.True(File.ReadAllText(FilePath).Replace("\r\n", "\n") == generated,
            $"Actors/Builder/NetworkBuilder.Models.g.cs is out of date with ModelCatalog: regenerate with `{WriteVariable}=1 dotnet test Tests/Actors.Tests --filter BuilderModelsTests`, then build again");
    }

    [Fact]
    public void Every_model_has_a_typed_method_whose_arguments_are_its_documented_parameters()
    {
        var methods = typeof(NetworkBuilder).GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.ReturnType == typeof(LayerHandle)).ToList();
        foreach (var type in ModelCatalog.Names)
        {
            var method = methods.SingleOrDefault(m => m.Name == TypedLayerSource.MethodName(type));
            Assert.True(method is not null, $"no typed method for {type}");
            var arguments = method!.GetParameters().Select(p => p.Name!).ToHashSet();
            foreach (var p in ModelCatalog.Document(type).Parameters.Where(p => TypedLayerSource.ArgumentName(p.Name) is not ("name" or "size" or "description")))
                Assert.Contains(TypedLayerSource.ArgumentName(p.Name).TrimStart('@'), arguments);
        }
    }

    [Fact]
    public void A_typed_method_writes_only_what_it_is_given_under_the_models_names()
    {
        var b = new NetworkBuilder();
        var layer = b.IafPscExp("e", 4, tauMem: 0.01, tauSynInh: 0.002, vInit: new[] { -0.07, -0.06 }, layerDt: 2e-4, backend: "cpu");
        Assert.Equal(("e", "iaf_psc_exp", 4), (layer.Name, layer.Type, layer.Size));
        var doc = b.Layers[0];
        Assert.Equal(["tau_mem", "tau_syn_inh", "v_init"], doc.Parameters!.Keys.Order());
        Assert.Equal(0.01, doc.Parameters["tau_mem"].GetDouble());
        Assert.Equal("[-0.07,-0.06]", doc.Parameters["v_init"].GetRawText());
        Assert.Equal((2e-4, "cpu"), (doc.Dt, doc.Backend));
    }
}
