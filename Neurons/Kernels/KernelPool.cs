namespace EventSpike.Neurons.Kernels;

/// <summary>
/// The cores a layer may use: <see cref="Run"/> executes one body per partition in parallel and
/// returns when all are done. Partitions are fixed by the caller (never by the pool), so a result
/// does not depend on how many threads actually ran it.
/// </summary>
public sealed class KernelPool(int workers)
{
    private readonly ParallelOptions _options = new() { MaxDegreeOfParallelism = Math.Max(1, workers) };

    /// <summary>Number of parallel workers.</summary>
    public int Workers { get; } = Math.Max(1, workers);

    /// <summary>A pool that runs everything on the calling thread.</summary>
    public static KernelPool Serial { get; } = new(1);

    public void Run(int partitions, Action<int> body)
    {
        if (partitions == 1 || Workers == 1)
        {
            for (var i = 0; i < partitions; i++) body(i);
            return;
        }
        Parallel.For(0, partitions, _options, body);
    }
}
