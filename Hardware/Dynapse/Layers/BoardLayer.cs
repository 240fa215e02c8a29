using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;

namespace EventSpike.Hardware.Dynapse.Layers;

/// <summary>
/// A layer that runs on a DYNAP-SE board (<c>RecDynapSE</c>, <c>VirtualDynapse</c>): its compiled
/// <see cref="BoardConfig"/> and, for the plain loop, an in-process <see cref="BoardSimulator"/>. Port
/// "input" has one channel per input (Rockpool's size_in): what arrives on channel i in a step is a count
/// of events of virtual neuron <see cref="BoardConfig.VirtualInputs"/>[i]; they enter at the first of the
/// step's round(dt/chip dt) chip steps. Output spikes are stamped at the end of the layer step (an index
/// repeats for several spikes in one step). The <c>dynapse</c> backend runs the same configuration through
/// a device link (<see cref="Link.IDeviceLink"/>) instead.
/// </summary>
public abstract class BoardLayer : ILayerModel
{
    private BoardSimulator? _board;
    private readonly List<int> _events = [], _stepSpikes = [];

    protected BoardLayer(string className, double dt)
    {
        ClassName = className;
        Dt = dt;
    }

    public string ClassName { get; }

    public double Dt { get; }

    public int Size => Config.Neurons.Length;

    public IReadOnlyList<InputPort> Ports => [new InputPort("input", PortKind.Spikes, Config.VirtualInputs.Length)];

    /// <summary>What the board runs.</summary>
    public BoardConfig Config { get; protected set; } = new();

    /// <summary>Where the dynapse backend finds the board: "local" (in-process) or tcp://HOST:PORT.</summary>
    public string Device { get; protected set; } = "local";

    /// <summary>Most input events in one FPGA transfer (RecDynapSE's max_num_events_batch).</summary>
    public int MaxEventsPerTransfer { get; protected set; } = FpgaInput.MaxEventsPerTransfer;

    /// <summary>Chip steps per layer step.</summary>
    public int Substeps => Math.Max(1, (int)Math.Round(Dt / Config.ChipDt));

    protected BoardSimulator Board => _board ??= new BoardSimulator(Config);

    public void Step(long step, double[][] portInput, List<int> spikes)
    {
        _events.Clear();
        var input = portInput[0];
        for (var i = 0; i < input.Length; i++)
            for (var c = 0; c < Math.Round(input[i]); c++) _events.Add(Config.VirtualInputs[i]);
        _stepSpikes.Clear();
        for (var s = 0; s < Substeps; s++)
            Board.ChipStep(s == 0 ? CollectionsMarshal.AsSpan(_events) : ReadOnlySpan<int>.Empty, _stepSpikes);
        _stepSpikes.Sort();
        spikes.AddRange(_stepSpikes);
    }

    public void ResetState() => _board?.Reset();

    public abstract IReadOnlyList<string> StateNames { get; }

    public double[] GetState(string name) =>
        StateNames.Contains(name) ? Board.Neurons.Read(name) : throw new KeyNotFoundException($"{ClassName} has no state variable '{name}'");

    public void SetState(string name, ReadOnlySpan<double> values)
    {
        if (!StateNames.Contains(name)) throw new KeyNotFoundException($"{ClassName} has no state variable '{name}'");
        Board.Neurons.Write(name, values);
    }

    public abstract JsonObject ToDict();
}
