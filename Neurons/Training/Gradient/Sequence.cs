namespace EventSpike.Neurons.Training.Gradient;

/// <summary>A batch of sequences: B samples × T steps × N units, row-major (unit fastest).</summary>
public sealed class Sequence
{
    public Sequence(int batch, int steps, int units, double[]? data = null)
    {
        if (batch < 1 || steps < 1 || units < 1) throw new ArgumentException($"a sequence needs a positive shape, got ({batch}, {steps}, {units})");
        B = batch;
        T = steps;
        N = units;
        Data = data ?? new double[batch * steps * units];
        if (Data.Length != batch * steps * units) throw new ArgumentException($"{Data.Length} values do not fill ({batch}, {steps}, {units})");
    }

    public int B { get; }
    public int T { get; }
    public int N { get; }
    public double[] Data { get; }

    public ref double this[int b, int t, int n] => ref Data[(b * T + t) * N + n];

    public Sequence Zeros() => new(B, T, N);

    public Sequence Copy() => new(B, T, N, (double[])Data.Clone());

    /// <summary>Samples <paramref name="rows"/> of this batch, in that order.</summary>
    public Sequence Rows(IReadOnlyList<int> rows)
    {
        var s = new Sequence(rows.Count, T, N);
        var block = T * N;
        for (var i = 0; i < rows.Count; i++) Array.Copy(Data, rows[i] * block, s.Data, i * block, block);
        return s;
    }
}
