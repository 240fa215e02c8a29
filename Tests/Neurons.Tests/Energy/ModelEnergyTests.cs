using Xunit;
using EventSpike.Neurons.Energy;
using EventSpike.Neurons.Tests.Models.Zoo;

namespace EventSpike.Neurons.Tests.Energy;

public class ModelEnergyTests
{
    private static ModelEnergy DocumentedDense() => new(
    [
        new EnergyLayer("input_1", "InputLayer", "(None, 784)", 0, LayerStats.Zero),
        new EnergyLayer("dense", "Dense", "(None, 128)", 784 * 128 + 128, KerasLayerStats.Dense(784, 128, "relu")),
    ]);

    [Fact]
    public void The_documented_dense_example_gives_its_connections_neurons_and_joules()
    {
        var model = DocumentedDense();
        var dense = model.Layers[1].Stats;
        Assert.Equal(100_352, dense.Connections);
        Assert.Equal(128, dense.Neurons);
        Assert.False(dense.Spiking);
        Assert.Equal(8.6e-9 * 100_352 + 8.6e-9 * 128, model.TotalEnergy("cpu"));
        Assert.Equal("8.64e-04", PythonFormat.E2(model.TotalEnergy("cpu")));
        Assert.Equal("8.64e-04", PythonFormat.E2(model.TotalEnergy("CPU")));

        Assert.Null(EnergyDevices.Register("doc-device", 1e-10, 2e-9, spiking: false));
        Assert.Equal(1e-10 * 100_352 + 2e-9 * 128, model.TotalEnergy("doc-device"));
        Assert.Equal("1.03e-05", PythonFormat.E2(model.TotalEnergy("doc-device")));
        Assert.Equal("Device 'doc-device' already registered. Overwriting.", EnergyDevices.Register("Doc-Device", 1e-10, 2e-9, spiking: false));
    }

    [Theory]
    [InlineData("cpu", 8.6e-9, 8.6e-9, false)]
    [InlineData("gpu", 0.3e-9, 0.3e-9, false)]
    [InlineData("arm", 0.9e-9, 0.9e-9, false)]
    [InlineData("loihi", 23.6e-12 + 3.5e-12, 81e-12, true)]
    [InlineData("spinnaker", 13.3e-9, 26e-9, true)]
    [InlineData("spinnaker2", 450e-12, 2.19e-9, true)]
    public void Devices_carry_the_digest_figures(string name, double synop, double neuron, bool spiking)
    {
        var d = EnergyDevices.Get(name.ToUpperInvariant());
        Assert.Equal((name, synop, neuron, spiking), (d.Name, d.EnergyPerSynop, d.EnergyPerNeuron, d.Spiking));
    }

    [Fact]
    public void Unknown_devices_and_missing_rates_fail_with_the_library_messages()
    {
        var model = DocumentedDense();
        Assert.Equal("Energy specs unknown for device 'tpu'", Assert.Throws<KeyNotFoundException>(() => model.TotalEnergy("tpu")).Message);
        Assert.Equal("ModelEnergy.example_data must be given in order to calculate energy on a spiking device",
            Assert.Throws<InvalidOperationException>(() => model.TotalEnergy("loihi")).Message);
    }

    [Fact]
    public void On_an_event_driven_device_synops_scale_with_rate_dt_and_steps_and_doubling_steps_doubles_energy()
    {
        var layer = new EnergyLayer("dense", "Dense", "(None, 128)", 0, KerasLayerStats.Dense(784, 128, "relu"), Rate: 37.5);
        var model = new ModelEnergy([layer], dt: 0.002);
        var (synop, neuron) = model.LayerEnergy(layer, "loihi", timestepsPerInference: 23);
        Zoo.Close(27.1e-12 * 100_352 * 37.5 * 0.002 * 23, synop, 1e-12);
        Zoo.Close(81e-12 * 128 * 23, neuron, 1e-12);
        Assert.Equal(2 * model.TotalEnergy("loihi", 23), model.TotalEnergy("loihi", 46));
        var (synopDt, neuronDt) = model.LayerEnergy(layer, "loihi", 23, dt: 0.004);
        Zoo.Close(2 * synop, synopDt, 1e-12);
        Assert.Equal(neuron, neuronDt);
    }

    [Theory]
    [InlineData(0.000864128, "0.00086")]
    [InlineData(1.02912e-5, "1e-05")]
    [InlineData(123456.0, "1.2e+05")]
    [InlineData(0.5, "0.5")]
    [InlineData(12.0, "12")]
    [InlineData(9.96, "10")]
    [InlineData(0.0, "0")]
    [InlineData(double.NaN, "nan")]
    [InlineData(-0.0123, "-0.012")]
    public void Python_g2_formatting(double x, string expected) => Assert.Equal(expected, PythonFormat.G2(x));

    [Fact]
    public void Stats_of_EventSpike_layer_types_and_registration()
    {
        var act = Zoo.Make("SpikingActivation", 6, 0.001, """{"activation": "tanh"}""");  // split: 3 units, 6 outputs
        Assert.Equal(new LayerStats(0, 3, true), LayerStatsRegistry.For(act));
        var rate = Zoo.Make("FFRateEuler", 0, 0.001, """{"weights": [[1, 2, 3], [4, 5, 6]]}""");
        Assert.Equal(new LayerStats(6, 3, false), LayerStatsRegistry.For(rate));
        Assert.Equal(new LayerStats(16, 3, false), LayerStatsRegistry.For(rate, incomingSynapses: 10));
        var linear = Zoo.Make("FFRateEuler", 0, 0.001, """{"weights": [[1, 2, 3], [4, 5, 6]], "activation_func": "linear"}""");
        Assert.Equal(new LayerStats(6, 0, true), LayerStatsRegistry.For(linear));
        Assert.Equal(new LayerStats(0, 0, true), LayerStatsRegistry.For(Zoo.Make("Lowpass", 4, 0.001, """{"tau": 0.01}""")));
        Assert.Equal(new LayerStats(5, 0, true), LayerStatsRegistry.For(Zoo.Make("FFExpSyn", 0, 0.001, """{"weights": 5}""")));
        var lif = Zoo.Make("iaf_psc_exp", 7, 0.0001, "{}");
        Assert.Equal(new LayerStats(20, 7, true), LayerStatsRegistry.For(lif, 20));
        var source = Zoo.Make("PoissonSource", 4, 0.001, """{"rate": 10}""");
        Assert.Equal(LayerStats.Zero, LayerStatsRegistry.For(source, 0));

        // A new layer type: the generic rule (its units, spiking, no weights) until it registers its own.
        var custom = new CustomLayer();
        Assert.Equal(new LayerStats(0, 3, true), LayerStatsRegistry.For(custom));
        Assert.Null(LayerStatsRegistry.Register<CustomLayer>(m => new LayerStats(7, 2 * m.Size, false)));
        Assert.Equal(new LayerStats(7, 6, false), LayerStatsRegistry.For(custom));
        Assert.Equal("Layer 'CustomLayer' already registered. Overwriting.", LayerStatsRegistry.Register<CustomLayer>(m => new LayerStats(7, 2 * m.Size, false)));
    }

    [Fact]
    public void Run_energy_counts_every_connection_on_a_clocked_device_and_only_events_on_an_event_driven_one()
    {
        var layers = new[]
        {
            new RunEnergy.LayerCounts("in", LayerStats.Zero, 1000, 0),
            new RunEnergy.LayerCounts("hidden", new LayerStats(400, 20, true), 1000, 1234),
            new RunEnergy.LayerCounts("slow", new LayerStats(20, 5, true), 500, 77),
        };
        var (cpu, perCpu) = RunEnergy.Estimate("cpu", layers);
        Zoo.Close(8.6e-9 * 400 * 1000, perCpu[1].SynopJ, 1e-14);
        Zoo.Close(8.6e-9 * 20 * 1000, perCpu[1].NeuronJ, 1e-14);
        Zoo.Close(8.6e-9 * 20 * 500, perCpu[2].SynopJ, 1e-14);
        Assert.Equal(perCpu.Sum(l => l.SynopJ + l.NeuronJ), cpu);
        var (_, perLoihi) = RunEnergy.Estimate("loihi", layers);
        Zoo.Close(27.1e-12 * 1234, perLoihi[1].SynopJ, 1e-12);
        Zoo.Close(81e-12 * 20 * 1000, perLoihi[1].NeuronJ, 1e-14);
        Assert.Equal(0, perLoihi[0].SynopJ + perLoihi[0].NeuronJ);
    }

    [Fact]
    public void A_trainable_model_gives_keras_stats_and_input_rates_from_example_data()
    {
        var dt = new EventSpike.Neurons.Training.Gradient.DtVariable(0.001);
        var model = new EventSpike.Neurons.Training.Gradient.SequenceModel(
        [
            new EventSpike.Neurons.Training.Gradient.DenseLayer("dense", 784, 128, "relu", seed: 1),
            new EventSpike.Neurons.Training.Gradient.SpikingActivationLayer("spikes", 128, dt, "relu", seed: 2),
        ]);
        var x = new EventSpike.Neurons.Training.Gradient.Sequence(2, 3, 784);
        for (var i = 0; i < x.Data.Length; i++) x.Data[i] = i % 7 == 0 ? -0.5 : 0.25;
        var energy = EventSpike.Neurons.Training.Gradient.SequenceEnergy.For(model, x);
        Assert.Equal(["input", "dense", "spikes"], energy.Layers.Select(l => l.Name));
        Assert.Equal(new LayerStats(100_352, 128, false), energy.Layers[1].Stats);
        Assert.Equal(new LayerStats(0, 128, true), energy.Layers[2].Stats);
        Assert.Equal(100_480, energy.Layers[1].Params);
        Assert.Equal(x.Data.Average(Math.Abs), energy.Layers[1].Rate!.Value, 12);
        Assert.Equal(model.Forward(x)[0].Data.Average(Math.Abs), energy.Layers[2].Rate!.Value, 12);
        Assert.Equal("8.64e-04", PythonFormat.E2(energy.LayerEnergy(energy.Layers[1], "cpu").Synop + energy.LayerEnergy(energy.Layers[1], "cpu").Neuron));
        Assert.True(energy.TotalEnergy("loihi") > 0);
    }

    private sealed class CustomLayer : EventSpike.Neurons.Models.ILayerModel
    {
        public string ClassName => "CustomLayer";
        public int Size => 3;
        public double Dt => 0.001;
        public IReadOnlyList<EventSpike.Neurons.Models.InputPort> Ports => [new("input", EventSpike.Neurons.Models.PortKind.Spikes, 3)];

        public void Step(long step, double[][] portInput, List<int> spikes)
        {
        }

        public void ResetState()
        {
        }

        public System.Text.Json.Nodes.JsonObject ToDict() => new() { ["class_name"] = ClassName };
    }
}
