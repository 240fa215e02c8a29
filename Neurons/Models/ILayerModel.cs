using System.Text.Json.Nodes;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// A population of neurons advanced one step at a time on the integer step clock. A model knows
/// nothing of actors, batches or files: it is driven from a plain loop (see
/// <see cref="Runtime.LayerEngine"/>), which is how it is tested and compared with peers.
/// </summary>
public interface ILayerModel
{
    /// <summary>The class name used in network files (Rockpool's where one exists).</summary>
    string ClassName { get; }

    /// <summary>Number of output channels: neurons for a spiking layer, signals for a continuous one.</summary>
    int Size { get; }

    /// <summary>The step, in seconds.</summary>
    double Dt { get; }

    /// <summary>Input ports; index p of <c>portInput</c> in <see cref="Step"/> is port p (width <see cref="InputPort.Width"/>). Empty for sources.</summary>
    IReadOnlyList<InputPort> Ports { get; }

    /// <summary>Spikes, or a continuous signal read from <see cref="Output"/> after each step.</summary>
    SignalKind OutputKind => SignalKind.Spikes;

    /// <summary>
    /// Integrates step <paramref name="step"/>, i.e. the interval [step·dt, (step+1)·dt).
    /// <paramref name="portInput"/>[p][j] is what arrived on channel j of port p during this step.
    /// A spiking model appends the indices of neurons that spiked to <paramref name="spikes"/> in
    /// ascending order (an index repeats for several spikes in one step); they are stamped
    /// (step+1)·dt. A continuous model leaves <paramref name="spikes"/> alone and updates <see cref="Output"/>.
    /// </summary>
    void Step(long step, double[][] portInput, List<int> spikes);

    /// <summary>For a continuous model: the value of each output channel for the step just integrated.</summary>
    ReadOnlySpan<double> Output => ReadOnlySpan<double>.Empty;

    /// <summary>Returns the state to its initial value (as after construction).</summary>
    void ResetState();

    /// <summary>Names of the state variables (e.g. <c>v_mem</c>, <c>i_syn</c>), for probes and checkpoints.</summary>
    IReadOnlyList<string> StateNames => [];

    /// <summary>A copy of state variable <paramref name="name"/>.</summary>
    double[] GetState(string name) => throw new KeyNotFoundException($"{ClassName} has no state variable '{name}'");

    /// <summary>State variable <paramref name="name"/> without a copy where the model can give one (probes read it every few steps).</summary>
    ReadOnlySpan<double> StateView(string name) => GetState(name);

    /// <summary>Sets state variable <paramref name="name"/>; the length must match.</summary>
    void SetState(string name, ReadOnlySpan<double> values) => throw new KeyNotFoundException($"{ClassName} has no state variable '{name}'");

    /// <summary>The states of the model's own random streams, for checkpoints (empty when it draws nothing while running).</summary>
    ulong[][] GetRandomState() => [];

    /// <summary>Restores what <see cref="GetRandomState"/> returned.</summary>
    void SetRandomState(ulong[][] states)
    {
        if (states.Length != 0) throw new ArgumentException($"{ClassName} has no random streams");
    }

    /// <summary>Rockpool's <c>randomize_state</c>: a random draw of the state around its current value.</summary>
    void RandomizeState(Xoshiro256StarStar rng)
    {
    }

    /// <summary>Rockpool's <c>to_dict</c>: <c>class_name</c> and the constructor parameters, so <see cref="ModelCatalog"/> can rebuild the model.</summary>
    JsonObject ToDict();
}
