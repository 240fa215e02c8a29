using System.Text.Json;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using EventSpike.Neurons.Series;
using EventSpike.Neurons.Tests.Models.Zoo;
using EventSpike.Routing.Network;
using Xunit;

namespace EventSpike.Actors.Tests;

/// <summary>
/// Every model of the zoo runs by its class name under the generic layer actor, and gives what the
/// plain loop gives: the same spikes, and for a continuous layer the same samples, bit for bit.
/// </summary>
public class ZooUnderActorsTests
{
    public static IEnumerable<object[]> Names => ZooCatalog.Names.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_zoo_layer_runs_under_the_actors_as_in_a_plain_loop(string name)
    {
        var (size, dt, json) = RoundTripTests.Cases[name];
        var parameters = JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var probe = ModelCatalog.Create(name, size, dt, new LayerParameters(parameters), b => Neurons.Random.StreamSeed.Generator(1, "probe", b));
        var port = probe.Ports[0];
        LayerSpec source = port.Kind == PortKind.Spikes
            ? Routing.Tests.NetworkSpecs.Layer("src", "PoissonSource", port.Width, """{"rate": 150}""")
            : new LayerSpec("src", "SignalReplay", port.Width, new Dictionary<string, JsonElement>())
            {
                Prebuilt = new SignalReplay(new TSContinuous([0.0, 1.0], Sine(port.Width)), dt),
            };
        NetworkSpec Spec() => new("zoo", dt, 300 * dt, 3,
            [source with { Prebuilt = source.Prebuilt is SignalReplay ? new SignalReplay(new TSContinuous([0.0, 1.0], Sine(port.Width)), dt) : null },
             new LayerSpec("layer", name, size, parameters)],
            [Routing.Tests.NetworkSpecs.Connect("src", "layer", 0)], null, 20 * dt);

        var sink = new CollectingSink();
        var actors = await LocalRunner.RunAsync(NetworkCompiler.Compile(Spec()), sink, new RunOptions());
        Assert.True(actors.Succeeded, actors.Failure);
        var loop = new CollectingSink();
        var (counts, _) = PlainLoopRunner.Run(NetworkCompiler.Compile(Spec()), loop);
        Assert.Equal(loop.Spikes, sink.Spikes);
        if (probe.OutputKind == SignalKind.Continuous)
            Assert.True(sink.SampleWindows.Count(s => s.Layer == 1) == 15, $"the actors recorded {sink.SampleWindows.Count(s => s.Layer == 1)} windows of {name}'s samples, not 15");
        Assert.Equal(sink.SampleBits(), loop.SampleBits()); // bit for bit, every recorded continuous layer
        Assert.Equal(counts, actors.Completed!.Layers.Select(l => l.Spikes));
    }

    private static double[,] Sine(int channels)
    {
        var s = new double[2, channels];
        for (var c = 0; c < channels; c++)
        {
            s[0, c] = 0.5 + 0.1 * c;
            s[1, c] = -0.5 + 0.2 * c;
        }
        return s;
    }
}
