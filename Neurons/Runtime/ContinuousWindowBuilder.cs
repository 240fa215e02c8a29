namespace EventSpike.Neurons.Runtime;

/// <summary>Gathers a continuous output window step by step: <c>Samples[i·Channels + c]</c> is channel c at step offset i.</summary>
public sealed class ContinuousWindowBuilder
{
    private readonly List<double> _samples = new();

    public long StartStep { get; private set; }
    public int Channels { get; private set; }
    public int StepsAdded => Channels == 0 ? 0 : _samples.Count / Channels;

    public void Begin(long startStep, int channels)
    {
        StartStep = startStep;
        Channels = channels;
        _samples.Clear();
    }

    public void AddStep(ReadOnlySpan<double> values)
    {
        if (values.Length != Channels) throw new ArgumentException($"expected {Channels} channels, got {values.Length}");
        foreach (var v in values) _samples.Add(v);
    }

    public double[] ToSamples() => _samples.ToArray();
}
