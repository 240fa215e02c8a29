namespace EventSpike.Neurons.Runtime;

/// <summary>
/// Gathers the spikes of one window step by step into compressed rows by step:
/// the spikes of step offset i are <c>Neurons[StepPtr[i]..StepPtr[i+1])</c>.
/// </summary>
public sealed class SpikeWindowBuilder
{
    private readonly List<int> _neurons = new();
    private readonly List<int> _stepPtr = new();

    public long StartStep { get; private set; }
    public int StepsAdded => _stepPtr.Count - 1;

    public void Begin(long startStep)
    {
        StartStep = startStep;
        _neurons.Clear();
        _stepPtr.Clear();
        _stepPtr.Add(0);
    }

    /// <summary>Appends the spikes of the next step.</summary>
    public void AddStep(List<int> spikes)
    {
        _neurons.AddRange(spikes);
        _stepPtr.Add(_neurons.Count);
    }

    public int[] ToStepPointers() => _stepPtr.ToArray();
    public int[] ToNeurons() => _neurons.ToArray();
}
