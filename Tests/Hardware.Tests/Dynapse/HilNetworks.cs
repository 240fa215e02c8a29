using EventSpike.Actors.Recording;
using EventSpike.Hardware.Dynapse;
using EventSpike.Routing.Network;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Hardware.Tests.Dynapse;

/// <summary>A small hardware-in-the-loop network: Poisson inputs → a RecDynapSE layer (on a backend and device) → a LIF readout.</summary>
internal static class HilNetworks
{
    public const int Inputs = 12;

    static HilNetworks() => DynapseHardware.Register();

    public static CompiledNetwork Network(string? backend, string device = "local", double duration = 0.2, string weights = DefaultWeights) =>
        NetworkCompiler.Compile(new NetworkSpec("hil", 1e-4, duration, 3,
            [
                Layer("input", "PoissonSource", Inputs, """{"rate": 300}"""),
                Layer("board", "RecDynapSE", 0, $$"""{ {{weights}}, "i_dc": 5e-11, "iw_ampa": 2e-8, "device": "{{device}}", "mismatch_seed": 11 }""") with { Backend = backend },
                Layer("readout", "LIF", 4),
            ],
            [
                Connect("input", "board", 0),
                Connect("board", "readout", 0.001, """{"generator":"bernoulli","p":0.5,"weight":0.02}"""),
            ]));

    public const string DefaultWeights =
        """ "weights_rec": {"generator": "in_res_dynapse_flex", "size": 24, "size_in": 12, "max_fanin": 3, "connectivity": 0.15, "ratio_exc_rec": 0.8, "ratio_exc_in": 1.0} """;

    /// <summary>Keeps every spike (step, layer, neuron) in arrival order per layer, sorted on read.</summary>
    public sealed class Sink : ISpikeSink
    {
        private readonly List<(long, int, int)> _all = [];

        public void Write(long step, int layer, ReadOnlySpan<int> neurons)
        {
            lock (_all)
                foreach (var n in neurons) _all.Add((step, layer, n));
        }

        public void Complete() { }

        public List<(long Step, int Layer, int Neuron)> Spikes
        {
            get
            {
                lock (_all) return [.. _all.Order()];
            }
        }
    }
}
