using System.Text.Json;
using EventSpike.Actors.Messages;
using EventSpike.Neurons.Energy;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Output;

/// <summary>
/// summary.json's <c>energy</c> object for <c>run --energy DEVICE</c>: <c>{device, total_j, layers:
/// [{name, synop_j, neuron_j, connections, neurons, synaptic_events, model_steps}]}</c>, per file layer
/// (shards summed) from the layer's statistics (<see cref="LayerStatsRegistry"/>, its own weights plus
/// the synapses routed to it) and what it counted in the run (<see cref="RunEnergy"/>).
/// </summary>
public static class RunEnergyJson
{
    public static IReadOnlyList<RunEnergy.LayerCounts> Counts(CompiledNetwork network, IReadOnlyList<LayerRunStats> layers)
    {
        var counts = new List<RunEnergy.LayerCounts>();
        foreach (var layer in network.FileLayers)
        {
            var shards = network.ShardsOf(layer.Id);
            var incoming = shards.Sum(s => network.IncomingOf(s.Id).Sum(c => c.Synapses.Count));
            var stats = LayerStatsRegistry.For(layer.Model, incoming);
            var updates = shards.Sum(s => layers[s.Id].NeuronUpdates);
            var steps = layer.Size > 0 ? updates / layer.Size : 0;
            counts.Add(new RunEnergy.LayerCounts(layer.Name, stats, steps, shards.Sum(s => layers[s.Id].SynapticEvents)));
        }
        return counts;
    }

    public static void Write(Utf8JsonWriter w, string device, CompiledNetwork network, IReadOnlyList<LayerRunStats> layers)
    {
        var counts = Counts(network, layers);
        var (total, joules) = RunEnergy.Estimate(device, counts);
        w.WriteStartObject("energy");
        w.WriteString("device", EnergyDevices.Get(device).Name);
        w.WriteNumber("total_j", total);
        w.WriteStartArray("layers");
        for (var i = 0; i < counts.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("name", counts[i].Name);
            w.WriteNumber("synop_j", joules[i].SynopJ);
            w.WriteNumber("neuron_j", joules[i].NeuronJ);
            w.WriteNumber("connections", counts[i].Stats.Connections);
            w.WriteNumber("neurons", counts[i].Stats.Neurons);
            w.WriteNumber("synaptic_events", counts[i].SynapticEvents);
            w.WriteNumber("model_steps", counts[i].ModelSteps);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
