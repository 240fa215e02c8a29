using EventSpike.Neurons.Kernels;

namespace EventSpike.Routing.Nir;

/// <summary>
/// Folds the linear nodes of an opened graph into connections between layers: the input a layer
/// node receives is Σ over its sources of a sparse map (pre index → post index, weight, delay)
/// applied to each source's output, plus a constant bias. Chains of linear nodes compose (weights
/// multiply along a path and add over paths; delays add along a path); a cycle made of linear nodes alone is refused.
/// </summary>
public sealed class NirFolding
{
    /// <summary>
    /// One source's contribution: per source index, (post index, delay) → weight; and, while it is one chain of
    /// convolutions and poolings (Flatten and pass-through nodes aside) from the source, those stages in order.
    /// </summary>
    public sealed class Term(int preSize)
    {
        public Dictionary<(int Post, double Delay), double>[] Rows { get; } = Enumerable.Range(0, preSize).Select(_ => new Dictionary<(int, double), double>()).ToArray();

        /// <summary>The chain this term is (empty: the source itself), or null when it is anything else (a sum of paths, a Linear, a Delay, …).</summary>
        public List<ConvStage>? Stages { get; set; }
    }

    /// <summary>What reaches a node: the sources' terms in first-reached order, and the bias.</summary>
    public sealed record Input(List<KeyValuePair<string, Term>> Terms, double[] Bias);

    private readonly NirFlatGraph _graph;
    private readonly NirShapes _shapes;
    private readonly string _where;
    private readonly Dictionary<string, List<string>> _incoming = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Input> _outputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);

    public NirFolding(NirFlatGraph graph, NirShapes shapes, string where)
    {
        (_graph, _shapes, _where) = (graph, shapes, where);
        foreach (var (from, to) in graph.Edges)
        {
            if (!_incoming.TryGetValue(to, out var list)) _incoming[to] = list = new List<string>();
            list.Add(from);
        }
    }

    /// <summary>What layer node <paramref name="layer"/> receives: the sum over its incoming edges.</summary>
    public Input InputOf(string layer) => Sum(layer, NirShapes.Size(_shapes.InputShape(layer)));

    private Input Sum(string node, int size)
    {
        var terms = new List<KeyValuePair<string, Term>>();
        var bias = new double[size];
        foreach (var from in _incoming.GetValueOrDefault(node, []))
        {
            var output = OutputOf(from);
            for (var k = 0; k < size; k++) bias[k] += output.Bias[k];
            foreach (var (source, term) in output.Terms)
            {
                var index = terms.FindIndex(t => t.Key == source);
                if (index < 0)
                {
                    terms.Add(new(source, Copy(term)));
                    continue;
                }
                var into = terms[index].Value;
                into.Stages = null; // two paths from one source: no longer one chain
                for (var i = 0; i < term.Rows.Length; i++)
                    foreach (var (key, w) in term.Rows[i]) into.Rows[i][key] = into.Rows[i].GetValueOrDefault(key) + w;
            }
        }
        return new Input(terms, bias);
    }

    /// <summary>What node <paramref name="node"/> gives: a layer gives itself; a linear node its map applied to what it receives.</summary>
    private Input OutputOf(string node)
    {
        if (_outputs.TryGetValue(node, out var known)) return known;
        var size = NirShapes.Size(_shapes.OutputShape(node));
        var type = _graph[node].Type;
        if (NirPrimitives.IsLayer(type))
        {
            var self = new Term(size) { Stages = [] };
            for (var i = 0; i < size; i++) self.Rows[i][(i, 0.0)] = 1;
            return _outputs[node] = new Input([new(node, self)], new double[size]);
        }
        if (!_visiting.Add(node))
            throw new NirFormatException($"{_where}: node '{node}' ({type}) lies on a cycle of linear nodes with no neuron on it, which has no solution in time");
        var op = NirLinearOp.Of(node, _graph[node], _shapes);
        var input = Sum(node, op.InSize);
        var terms = input.Terms.Select(t => new KeyValuePair<string, Term>(t.Key, Apply(op, t.Value))).ToList();
        var bias = op.Bias is null ? new double[op.OutSize] : (double[])op.Bias.Clone();
        for (var j = 0; j < op.InSize; j++)
            if (input.Bias[j] != 0)
                foreach (var (k, w, _) in op.Rows[j]) bias[k] += w * input.Bias[j];
        _visiting.Remove(node);
        return _outputs[node] = new Input(terms, bias);
    }

    private static Term Apply(NirLinearOp op, Term term)
    {
        var result = new Term(term.Rows.Length)
        {
            Stages = term.Stages is null ? null : op.IsIdentity ? [.. term.Stages] : op.Stage is { } stage ? [.. term.Stages, stage] : null,
        };
        for (var i = 0; i < term.Rows.Length; i++)
        {
            var into = result.Rows[i];
            foreach (var ((j, delay), w) in term.Rows[i])
                foreach (var (k, a, extra) in op.Rows[j])
                {
                    var key = (k, delay + extra);
                    into[key] = into.GetValueOrDefault(key) + w * a;
                }
        }
        return result;
    }

    private static Term Copy(Term term)
    {
        var copy = new Term(term.Rows.Length) { Stages = term.Stages is null ? null : [.. term.Stages] };
        for (var i = 0; i < term.Rows.Length; i++)
            foreach (var (key, w) in term.Rows[i]) copy.Rows[i][key] = w;
        return copy;
    }
}
