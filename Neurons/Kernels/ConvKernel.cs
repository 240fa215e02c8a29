namespace EventSpike.Neurons.Kernels;

/// <summary>
/// A connection computed as a chain of convolutions and poolings (<see cref="ConvStage"/>) applied
/// left to right, event-driven: each input spike (or non-zero sample) of a step is pushed through the
/// chain and its contribution added to the output row, spike after spike in the order given.
///
/// Order of sums: an output's value is the row's value plus one term per input spike, added in spike
/// order, exactly as a synapse table's rows add them. With one stage (or a chain whose earlier stages
/// send each input to at most one place, as a pooling with stride ≥ kernel does, with weights that
/// multiply exactly) each term is the float32-rounded weight a table of the composed map holds, so the
/// kernel and that table give the same bits; otherwise a term is a sum over the paths through the
/// chain and may differ from the composed table's rounded weight by float rounding.
///
/// Work is split by output channel into fixed blocks that run on a <see cref="KernelPool"/> when a
/// step has enough of it; every output is written by one block in the same order, so results do not
/// depend on the pool or the number of threads.
/// </summary>
public sealed class ConvKernel
{
    private readonly (int From, int To)[] _blocks;
    private readonly double[][] _scratch;     // per stage but the last: its output, dense
    private readonly List<int>[] _touched;     // per stage but the last: outputs written, for sparse clearing
    private readonly List<(int Input, double Value)> _front = new(); // what enters the last stage, for the whole step
    private readonly List<(int, double)> _targets = new();
    private readonly List<(int, double)> _current = new();

    public ConvKernel(IReadOnlyList<ConvStage> stages)
    {
        if (stages.Count == 0) throw new ArgumentException("a kernel chain needs at least one stage");
        for (var s = 1; s < stages.Count; s++)
            if (!stages[s].InShape.SequenceEqual(stages[s - 1].OutShape))
                throw new ArgumentException($"stage {s} takes [{string.Join(", ", stages[s].InShape)}], stage {s - 1} gives [{string.Join(", ", stages[s - 1].OutShape)}]");
        _stages = stages.ToArray();
        var last = _stages[^1];
        var blocks = Math.Min(8, last.OutChannels);
        _blocks = Enumerable.Range(0, blocks).Select(b => (last.OutChannels * b / blocks, last.OutChannels * (b + 1) / blocks)).ToArray();
        _scratch = _stages[..^1].Select(s => new double[s.OutSize]).ToArray();
        _touched = _stages[..^1].Select(_ => new List<int>()).ToArray();
    }

    private readonly ConvStage[] _stages;

    public IReadOnlyList<ConvStage> Stages => _stages;

    /// <summary>Multiply–adds of a step below which it runs on the caller's thread (the blocks stay the same either way).</summary>
    public long ParallelWork { get; init; } = 1 << 16;
    public int InSize => Stages[0].InSize;
    public int OutSize => Stages[^1].OutSize;

    /// <summary>row += the chain applied to the spikes <c>neurons[i] + rowOffset</c> (each of value 1), in their order.</summary>
    public void AddSpikes(ReadOnlySpan<int> neurons, int rowOffset, double[] row, KernelPool? pool)
    {
        lock (_front) // the scratch buffers are the kernel's own: one caller at a time
        {
            _front.Clear();
            foreach (var n in neurons) Front(n + rowOffset, 1.0);
            Run(row, pool);
        }
    }

    /// <summary>row += the chain applied to the samples (channel c of value values[c], zeros skipped), in channel order.</summary>
    public void AddValues(ReadOnlySpan<double> values, double[] row, KernelPool? pool)
    {
        if (values.Length != InSize) throw new ArgumentException($"the kernel takes {InSize} channels, got {values.Length}");
        lock (_front)
        {
            _front.Clear();
            for (var c = 0; c < values.Length; c++)
                if (values[c] != 0) Front(c, values[c]);
            Run(row, pool);
        }
    }

    /// <summary>Input <paramref name="input"/> of value v through every stage but the last, into <see cref="_front"/> (ascending, zeros left out).</summary>
    private void Front(int input, double value)
    {
        if (_stages.Length == 1)
        {
            _front.Add((input, value));
            return;
        }
        _current.Clear();
        _current.Add((input, value));
        for (var s = 0; s < _stages.Length - 1; s++)
        {
            var into = _scratch[s];
            var touched = _touched[s];
            foreach (var (i, v) in _current)
            {
                _targets.Clear();
                _stages[s].Targets(i, _targets);
                foreach (var (o, w) in _targets)
                {
                    if (into[o] == 0) touched.Add(o);
                    into[o] += (float)w * v;
                }
            }
            if (touched.Count > 1) touched.Sort();
            _current.Clear();
            var last = -1;
            foreach (var o in touched)
            {
                if (o != last && into[o] != 0) _current.Add((o, into[o]));
                last = o;
                into[o] = 0;
            }
            touched.Clear();
        }
        _front.AddRange(_current);
    }

    private void Run(double[] row, KernelPool? pool)
    {
        if (_front.Count == 0) return;
        var last = Stages[^1];
        if (pool is null || pool.Workers == 1 || (long)_front.Count * last.Fanout < ParallelWork)
        {
            foreach (var (i, v) in _front) last.Scatter(i, v, row, 0, last.OutChannels);
            return;
        }
        pool.Run(_blocks.Length, b =>
        {
            var (from, to) = _blocks[b];
            foreach (var (i, v) in _front) last.Scatter(i, v, row, from, to);
        });
    }

    /// <summary>
    /// The composed map as synapses (pre, post, weight), weights as given (double) multiplied along the chain's paths and
    /// summed over them, zeros left out, each pre's synapses in post order: what a <c>table</c> of the same map holds.
    /// </summary>
    public IEnumerable<(int Pre, int Post, double Weight)> Synapses()
    {
        var targets = new List<(int, double)>();
        for (var pre = 0; pre < InSize; pre++)
        {
            var current = new Dictionary<int, double> { [pre] = 1.0 };
            foreach (var stage in Stages)
            {
                var next = new Dictionary<int, double>();
                foreach (var (i, a) in current)
                {
                    targets.Clear();
                    stage.Targets(i, targets);
                    foreach (var (o, w) in targets) next[o] = next.GetValueOrDefault(o) + a * w;
                }
                current = next;
            }
            foreach (var (post, w) in current.OrderBy(e => e.Key))
                if (w != 0) yield return (pre, post, w);
        }
    }
}
