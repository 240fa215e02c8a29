using EventSpike.Actors.Hosting;
using EventSpike.Actors.Recording;
using EventSpike.Actors.Runtime;
using EventSpike.Hardware.Streaming;
using EventSpike.Routing.Network;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Hardware.Tests;

/// <summary>Runs a two-layer network (a sensor input of <see cref="Channels"/> → a second layer) open-ended with a sensor source on the input.</summary>
public static class StreamRuns
{
    public const int Channels = 8;
    public const double Dt = 1e-4;

    public static CompiledNetwork Network() => NetworkCompiler.Compile(new NetworkSpec("stream", Dt, 1.0, 4,
        [Layer("input", "PoissonSource", Channels, """{"rate": 0}"""), Layer("out", "LIF", Channels, """{"refractory": 0.001}""")],
        [Connect("input", "out", 0.0003, """{"generator":"one_to_one","weight":0.03}""")]));

    /// <summary>Runs the network with <paramref name="source"/> as its input and <paramref name="second"/> (null: the LIF) as its second layer.</summary>
    public static Task<RunResult> Run(SensorWindowSource source, IWindowBackend? second, Spikes sink, int credit = 1)
    {
        var net = Network();
        return LocalRunner.RunAsync(net.WithPlan(WindowPlan.Open(net.Plan.WindowSteps)), sink,
            new RunOptions(credit, Threads: 1) { Backends = [source, second], WatchdogSeconds = 30 });
    }

    /// <summary>A sink that keeps the input layer's spikes (step, neuron).</summary>
    public sealed class Spikes : ISpikeSink
    {
        public List<(long Step, int Neuron)> Input { get; } = new();

        public void Write(long step, int layer, ReadOnlySpan<int> neurons)
        {
            if (layer != 0) return;
            lock (Input)
                foreach (var n in neurons) Input.Add((step, n));
        }

        public void Complete() { }
    }
}
