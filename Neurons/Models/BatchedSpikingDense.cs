using System.Numerics.Tensors;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// A Keras <c>Dense</c> layer followed by KerasSpiking's <c>SpikingActivation("relu")</c>, over a
/// batch of B independent samples laid side by side ("BatchedSpikingDense"). Our layers have no batch
/// dimension, so the batch is the channel blocks: input channel b·M + i is input i of sample b, and
/// output b·N + j is unit j of sample b. One weight matrix W[M, N] (Rockpool's [pre, post] layout)
/// serves every sample; it is stored once.
///
/// Per sample b, unit j, step k (inference path of SpikingActivation, as <see cref="Zoo.SpikingActivation"/>):
///   a_bj = Σ_i x_bi(k)·W[i, j]           (x: what arrived on the port during step k, held over the step)
///   r_bj = relu(a_bj) = max(a_bj, 0)      (a rate, Hz)
///   v_bj ← v_bj + r_bj·dt;  n = ⌊v_bj⌋;  v_bj ← v_bj − n     (v stays in [0, 1))
///   output index b·N + j is emitted n times (a repeated index); its amplitude n/dt is the
///   consumer's weight scale (connect with weight 1/dt to pass n/dt on, as the libraries do).
/// The products are <see cref="DenseMatrix.AccumulateBatch"/> over the samples of a partition: per
/// sample the same sums as <see cref="DenseMatrix.VecMat"/> (TensorPrimitives multiply-adds in
/// ascending input order, zero inputs skipped), with each row of W read once for all samples. The
/// accumulator uses a separate multiply and add, so each sample gives the same bits as a
/// SpikingActivation fed with x·W.
///
/// The input port is <c>Current</c> (a continuous source, e.g. an image) or <c>Spikes</c> (the
/// previous spiking layer, weighted 1/dt). Samples are independent: the layer splits over cores
/// by whole samples. Initial voltages are U[0, 1) from the layer's initialisation streams (as
/// SpikingActivation with no seed). State: <c>v</c>.
/// </summary>
public sealed class BatchedSpikingDense : IPartitionedModel
{
    public const string TypeName = "BatchedSpikingDense";

    private readonly double[] _v0;
    private readonly double[] _y;

    public BatchedSpikingDense(DenseMatrix weights, int batch, double dt, PortKind inputKind, Func<int, Xoshiro256StarStar> streams)
    {
        if (batch < 1) throw new ModelParameterException("batch", $"batch must be ≥ 1, got {batch}");
        if (weights.Rows < 1 || weights.Cols < 1) throw new ModelParameterException("weights", "weights must have at least one row and one column");
        if (!(dt > 0) || double.IsInfinity(dt)) throw new ModelParameterException("dt", $"dt must be a positive number of seconds, got {dt}");
        Weights = weights;
        Batch = batch;
        Inputs = weights.Rows;
        Units = weights.Cols;
        Size = checked(batch * Units);
        Dt = dt;
        InputKind = inputKind;
        Ports = [new InputPort("input", inputKind, checked(batch * Inputs))];
        _v0 = new double[Size];
        InitialPotentials.Fill(_v0, streams, rng => rng.NextDouble());
        V = new double[Size];
        _y = new double[Size];
        ResetState();
    }

    public string ClassName => TypeName;
    public int Size { get; }
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports { get; }

    /// <summary>One sample: partitions never cut a sample in two.</summary>
    public int PartitionGranularity => Units;

    /// <summary>W[M, N], shared by every sample.</summary>
    public DenseMatrix Weights { get; }

    /// <summary>B, the number of samples side by side.</summary>
    public int Batch { get; }

    /// <summary>M, inputs per sample.</summary>
    public int Inputs { get; }

    /// <summary>N, units per sample.</summary>
    public int Units { get; }

    public PortKind InputKind { get; }

    /// <summary>Accumulator voltage of each unit of each sample.</summary>
    public double[] V { get; }

    /// <summary>Weights applied per step: M·N per sample, times B.</summary>
    public long WeightsPerStep => (long)Inputs * Units * Batch;

    public void ResetState() => Array.Copy(_v0, V, Size);

    public void Step(long step, double[][] portInput, List<int> spikes) => StepRange(step, portInput, spikes, 0, Size);

    public void StepRange(long step, double[][] portInput, List<int> spikes, int from, int to)
    {
        if (from % Units != 0 || (to % Units != 0 && to != Size))
            throw new ArgumentException($"{TypeName} splits by whole samples of {Units} units, got [{from}, {to})");
        var first = from / Units;
        var count = to / Units - first;
        var y = _y.AsSpan(from, to - from);
        y.Clear();
        Weights.AccumulateBatch(portInput[0].AsSpan(first * Inputs, count * Inputs), count, y);
        TensorPrimitives.Max(y, 0.0, y);          // relu
        TensorPrimitives.Multiply(y, Dt, y);      // r·dt
        var v = V.AsSpan(from, to - from);
        TensorPrimitives.Add(v, y, v);            // v + r·dt
        for (var j = 0; j < v.Length; j++)
        {
            if (v[j] < 1) continue;
            var n = Math.Floor(v[j]);
            v[j] -= n;
            for (var c = 0; c < n; c++) spikes.Add(from + j);
        }
    }

    public IReadOnlyList<string> StateNames => ["v"];

    public ReadOnlySpan<double> StateView(string name) => name == "v" ? V : GetState(name);

    public double[] GetState(string name) => name == "v"
        ? (double[])V.Clone()
        : throw new KeyNotFoundException($"{TypeName} has no state variable '{name}'; it has v");

    public void SetState(string name, ReadOnlySpan<double> values)
    {
        if (name != "v") throw new KeyNotFoundException($"{TypeName} has no state variable '{name}'; it has v");
        if (values.Length != Size) throw new ArgumentException($"state 'v' needs {Size} values, got {values.Length}");
        values.CopyTo(V);
    }

    public JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        d["batch"] = Batch;
        d["activation"] = "relu";
        d["input_kind"] = InputKind == PortKind.Spikes ? "spikes" : "current";
        d["weights"] = Weights.ToJson();
        d["initial_state"] = ModelDict.PerNeuron(_v0);
        return d;
    }
}
