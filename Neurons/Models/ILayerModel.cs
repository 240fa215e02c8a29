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

    /// <summary>Number of neurons (output channels).</summary>
    int Size { get; }

    /// <summary>The step, in seconds.</summary>
    double Dt { get; }

    /// <summary>Input ports; index i of <c>portInput</c> in <see cref="Step"/> is port i. Empty for sources.</summary>
    IReadOnlyList<InputPort> Ports { get; }

    /// <summary>
    /// Integrates step <paramref name="step"/>, i.e. the interval [step·dt, (step+1)·dt).
    /// <paramref name="portInput"/>[p][j] is what arrived for neuron j on port p during this step.
    /// Indices of neurons that spiked are appended to <paramref name="spikes"/> in ascending order
    /// (an index repeats for several spikes in one step); they are stamped (step+1)·dt.
    /// </summary>
    void Step(long step, double[][] portInput, List<int> spikes);

    /// <summary>Returns the state to its initial value (as after construction).</summary>
    void ResetState();
}
