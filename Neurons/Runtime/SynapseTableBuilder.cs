namespace EventSpike.Neurons.Runtime;

/// <summary>Collects synapses row by row (presynaptic neuron in ascending order) into a <see cref="SynapseTable"/>.</summary>
public sealed class SynapseTableBuilder(int preSize, int postSize, int capacity = 0)
{
    private readonly int[] _rowStart = new int[preSize + 1];
    private readonly List<int> _target = new(capacity);
    private readonly List<float> _weight = new(capacity);
    private int _row;

    /// <summary>Adds a synapse from <paramref name="pre"/> (≥ every earlier pre) to <paramref name="post"/>.</summary>
    public void Add(int pre, int post, float weight)
    {
        if (pre < _row) throw new InvalidOperationException("synapses must be added in ascending presynaptic order");
        if ((uint)pre >= (uint)preSize) throw new ArgumentOutOfRangeException(nameof(pre));
        if ((uint)post >= (uint)postSize) throw new ArgumentOutOfRangeException(nameof(post));
        while (_row < pre) _rowStart[++_row] = _target.Count;
        _target.Add(post);
        _weight.Add(weight);
    }

    public SynapseTable Build()
    {
        while (_row < preSize) _rowStart[++_row] = _target.Count;
        return new SynapseTable(preSize, postSize, _rowStart, _target.ToArray(), _weight.ToArray());
    }
}
