using EventSpike.Routing.Nir;

namespace EventSpike.Routing.Tests.Nir;

/// <summary>The NIR repository's read/write test topologies (tests/test_readwrite.py, tests/test_architectures.py), rebuilt as graphs.</summary>
public static class NirTopologies
{
    public static NirNode Node(string type, params (string Name, NirField Field)[] fields) => new(type, fields.ToDictionary(f => f.Name, f => f.Field));

    public static NirNode Affine(int rows, int cols) => Node("Affine",
        ("weight", NirField.Floats(Enumerable.Range(0, rows * cols).Select(i => 0.5 * i - 1).ToArray(), rows, cols)),
        ("bias", NirField.Vector(Enumerable.Range(0, rows).Select(i => 0.25 * i).ToArray())));

    public static NirNode Lif(params double[] tau) => Node("LIF", ("tau", NirField.Vector(tau)), ("r", NirField.Vector(tau.Select(_ => 1.0).ToArray())),
        ("v_leak", NirField.Vector(new double[tau.Length])), ("v_threshold", NirField.Vector(tau.Select((_, i) => i + 1.0).ToArray())));

    public static NirNode Io(string type, params long[] shape) => Node(type, ("shape", NirField.Integers(shape)));

    public static NirGraph Chain(params (string Name, NirNode Node)[] nodes) =>
        new(nodes.Select(n => new KeyValuePair<string, NirNode>(n.Name, n.Node)).ToList(),
            nodes.Zip(nodes.Skip(1), (a, b) => (a.Name, b.Name)).ToList());

    public static NirNode Graph(NirGraph g) => new(NirNode.GraphType, new Dictionary<string, NirField>(), g);

    private static NirField Ones(int n) => NirField.Vector(Enumerable.Repeat(1.0, n).ToArray());

    public static readonly IReadOnlyDictionary<string, NirGraph> All = new Dictionary<string, NirGraph>
    {
        ["simple"] = new([new("a", Affine(2, 2))], [("a", "a")]),
        ["nested"] = new(
            [new("a", Node("I", ("r", Ones(2)))),
             new("b", Graph(Chain(("a", Io("Input", 1, 1)), ("b", Node("Delay", ("delay", Ones(2)))), ("c", Io("Output", 1, 1))))),
             new("c", Io("Output", 1, 1))],
            [("a", "b"), ("b", "a")]),
        ["integrator"] = Chain(("a", Affine(2, 2)), ("b", Node("I", ("r", Ones(3))))),
        ["integrate_and_fire"] = Chain(("a", Affine(2, 2)), ("b", Node("IF", ("r", Ones(3)), ("v_threshold", Ones(3))))),
        ["leaky_integrator"] = Chain(("affine", Affine(2, 2)), ("li", Node("LI", ("tau", Ones(3)), ("r", Ones(3)), ("v_leak", Ones(3))))),
        ["current_based_lif"] = Chain(("affine", Affine(2, 2)), ("cubalif", Node("CubaLIF", ("tau_mem", Ones(3)), ("tau_syn", NirField.Vector(2, 2, 2)),
            ("r", Ones(3)), ("v_leak", Ones(3)), ("v_threshold", NirField.Vector(3, 3, 3)), ("w_in", Ones(3))))),
        ["scale"] = Chain(("input", Io("Input", 3)), ("scale", Node("Scale", ("scale", NirField.Vector(1, 2, 3)))), ("output", Io("Output", 3))),
        ["delay"] = Chain(("input", Io("Input", 3)), ("delay", Node("Delay", ("delay", NirField.Vector(1, 2, 3)))), ("output", Io("Output", 3))),
        ["threshold"] = Chain(("input", Io("Input", 3)), ("threshold", Node("Threshold", ("threshold", NirField.Vector(1, 2, 3)))), ("output", Io("Output", 3))),
        ["flatten"] = Chain(("input", Io("Input", 2, 3)),
            ("flatten", Node("Flatten", ("start_dim", NirField.Scalar(0)), ("end_dim", NirField.Scalar(1)), ("input_type", NirField.Integers(2, 3)))),
            ("output", Io("Output", 6))),
        ["residual"] = new(
            [new("a", Affine(3, 2)), new("b", Lif(10, 20, 30)), new("c", Affine(2, 3)), new("d", Lif(10, 20)), new("e", Affine(2, 2)), new("f", Lif(15, 5))],
            [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("a", "e"), ("e", "f")]),
        ["merge_and_split"] = new(
            [new("pre_split", Graph(Chain(("affine", Affine(3, 2)), ("lif", Lif(10, 20, 30))))),
             new("branch_1", Graph(Chain(("affine", Affine(2, 3)), ("lif", Lif(10, 20))))),
             new("branch_2", Graph(Chain(("affine", Affine(2, 3)), ("lif", Lif(15, 5))))),
             new("junction", Affine(2, 2))],
            [("pre_split", "branch_1"), ("pre_split", "branch_2"), ("branch_1", "junction"), ("branch_2", "junction")]),
    };
}
