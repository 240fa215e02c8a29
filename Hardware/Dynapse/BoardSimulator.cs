using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// An emulated board running one <see cref="BoardConfig"/>: the CAM connections as two sparse
/// tables (from each virtual neuron, from each local neuron), the neurons of the configured model,
/// and the spikes in flight. A chip step gathers the CAM matches of the FPGA events of the step and
/// of the board's own spikes of the previous step (a recurrent spike takes effect one chip step
/// later, dynapse.md §2.3), each match adding its synapse's jump (the neurons' increment × mismatch factor × count, precomputed
/// per CAM entry) to the drive, then steps the neurons, which consume (zero) the drive.
/// A layer step of Δt runs round(Δt/chip dt) chip steps; its input events enter at the first.
/// </summary>
public sealed class BoardSimulator
{
    private readonly int[] _virtualStart, _physStart;
    private readonly int[] _target; // the neurons' DriveIndex(type, local)
    private readonly float[] _weight; // count × synapse mismatch × DriveIncrement(type, local)
    private readonly int[] _physTarget;
    private readonly float[] _physWeight;
    private readonly float[] _drive;
    private readonly List<int> _spikes = [], _pending = [];

    public BoardSimulator(BoardConfig config)
    {
        Config = config;
        var local = new Dictionary<int, int>();
        foreach (var id in config.Neurons)
        {
            if (!BoardGeometry.IsOnBoard(id)) throw new ArgumentException($"neuron {id} is not on the board (0–{BoardGeometry.Neurons - 1})");
            if (!local.TryAdd(id, local.Count)) throw new ArgumentException($"neuron {id} is listed twice");
        }
        var n = local.Count;
        var tau2 = new HashSet<int>(config.Tau2);
        var factors = config.Neurons.Select(config.FactorsOf).ToList();
        var t2 = config.Neurons.Select(tau2.Contains).ToList();
        Neurons = config.Mode == BoardMode.Dpi
            ? new DpiNeurons(config.ChipDt, config.Neurons.Select(id => config.DpiCores[BoardGeometry.CoreOf(id)]).ToList(), t2, factors, config.RockpoolParity)
            : new AdExNeurons(config.ChipDt, config.Virtual, config.Neurons.Select(BoardGeometry.CoreOf).ToList(), t2, factors);
        (_virtualStart, _target, _weight) = Table(config, local, true, BoardGeometry.VirtualNeurons, id => id);
        (_physStart, _physTarget, _physWeight) = Table(config, local, false, n, id => local[id]);
        _drive = new float[Neurons.DriveLength];
    }

    public BoardConfig Config { get; }

    public IBoardNeurons Neurons { get; }

    private (int[] Start, int[] Target, float[] Weight) Table(BoardConfig config, Dictionary<int, int> local, bool virtualPre, int rows, Func<int, int> row)
    {
        var entries = config.Connections.Where(c => c.Virtual == virtualPre && c.Count > 0).ToList();
        foreach (var c in entries)
        {
            if (!local.ContainsKey(c.Post)) throw new ArgumentException($"a connection targets {BoardGeometry.Describe(c.Post)}, which the layer does not use");
            if (virtualPre ? c.Pre is < 0 or >= BoardGeometry.VirtualNeurons : !local.ContainsKey(c.Pre))
                throw new ArgumentException($"a connection comes from {(virtualPre ? "virtual " : "")}neuron {c.Pre}, which the layer does not use");
        }
        entries.Sort((a, b) => (row(a.Pre), a.Post, a.Type).CompareTo((row(b.Pre), b.Post, b.Type)));
        var start = new int[rows + 1];
        foreach (var c in entries) start[row(c.Pre) + 1]++;
        for (var i = 0; i < rows; i++) start[i + 1] += start[i];
        var target = new int[entries.Count];
        var weight = new float[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var c = entries[i];
            var post = local[c.Post];
            target[i] = Neurons.DriveIndex(c.Type, post);
            weight[i] = (float)(c.Count * config.Mismatch.Synapse(c.Post, c.Pre, virtualPre, c.Type) * Neurons.DriveIncrement(c.Type, post));
        }
        return (start, target, weight);
    }

    /// <summary>Chip steps run so far.</summary>
    public long ChipSteps { get; private set; }

    /// <summary>Back to rest, nothing in flight.</summary>
    public void Reset()
    {
        Array.Clear(_drive);
        Neurons.Reset();
        _pending.Clear();
        ChipSteps = 0;
    }

    /// <summary>
    /// One chip step: <paramref name="virtualEvents"/> are the virtual neuron IDs that fire in it (an ID
    /// repeats for several events); local indices of the neurons that spike are appended to <paramref name="spikes"/>.
    /// </summary>
    public void ChipStep(ReadOnlySpan<int> virtualEvents, List<int> spikes)
    {
        var drive = _drive.AsSpan();
        foreach (var v in virtualEvents) Deliver(drive, _virtualStart[v], _virtualStart[v + 1], _target, _weight);
        foreach (var k in CollectionsMarshal.AsSpan(_pending)) Deliver(drive, _physStart[k], _physStart[k + 1], _physTarget, _physWeight);
        _spikes.Clear();
        Neurons.Step(drive, _spikes); // consumes the drive: zero again for the next step
        _pending.Clear();
        _pending.AddRange(_spikes);
        spikes.AddRange(_spikes);
        ChipSteps++;
    }

    /// <summary>Adds entries [from, to) of a table to the drive (targets are DriveIndex values, inside the drive by construction).</summary>
    private static void Deliver(Span<float> drive, int from, int to, int[] target, float[] weight)
    {
        ref var d = ref MemoryMarshal.GetReference(drive);
        ref var t = ref MemoryMarshal.GetArrayDataReference(target);
        ref var w = ref MemoryMarshal.GetArrayDataReference(weight);
        for (var e = from; e < to; e++) Unsafe.Add(ref d, Unsafe.Add(ref t, e)) += Unsafe.Add(ref w, e);
    }

    /// <summary>
    /// A window of layer steps: input events as (step pointers, channels) — channel i is virtual neuron
    /// <see cref="BoardConfig.VirtualInputs"/>[i] — each step being <paramref name="substeps"/> chip
    /// steps with the inputs at the first; returns the output in the same form, channels = local neurons.
    /// </summary>
    public (int[] StepPtr, int[] Neurons) RunWindow(ReadOnlySpan<int> stepPtr, ReadOnlySpan<int> channels, int steps, int substeps)
    {
        var outPtr = new int[steps + 1];
        var output = new List<int>();
        var events = new List<int>();
        var stepSpikes = new List<int>();
        for (var s = 0; s < steps; s++)
        {
            events.Clear();
            for (var i = stepPtr[s]; i < stepPtr[s + 1]; i++)
            {
                var c = channels[i];
                if ((uint)c >= (uint)Config.VirtualInputs.Length) throw new ArgumentException($"input channel {c} is not one of the {Config.VirtualInputs.Length} inputs");
                events.Add(Config.VirtualInputs[c]);
            }
            stepSpikes.Clear();
            for (var sub = 0; sub < substeps; sub++)
                ChipStep(sub == 0 ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(events) : ReadOnlySpan<int>.Empty, stepSpikes);
            stepSpikes.Sort();
            output.AddRange(stepSpikes);
            outPtr[s + 1] = output.Count;
        }
        return (outPtr, output.ToArray());
    }
}
