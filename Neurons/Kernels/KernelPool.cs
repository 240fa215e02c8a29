namespace EventSpike.Neurons.Kernels;

/// <summary>
/// The cores a layer may use: <see cref="Run"/> executes one body per partition in parallel and
/// returns when all are done. Partitions are fixed by the caller (never by the pool), so a result
/// does not depend on how many threads actually ran it. The pool keeps its own worker threads
/// (Workers − 1 of them; the caller runs partition 0): a step of a large layer costs a hand-off of a
/// few microseconds, not a task scheduled on the shared thread pool.
/// </summary>
public sealed class KernelPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _done = new(0);
    private readonly object _gate = new();
    private Action<int>? _body;
    private int _partitions;
    private volatile bool _disposed;

    public KernelPool(int workers)
    {
        Workers = Math.Max(1, workers);
        _threads = new Thread[Workers - 1];
        _start = new SemaphoreSlim[Workers - 1];
        for (var w = 0; w < _threads.Length; w++)
        {
            var index = w + 1;
            _start[w] = new SemaphoreSlim(0);
            _threads[w] = new Thread(() => Work(index)) { IsBackground = true, Name = $"kernel-pool-{index}" };
            _threads[w].Start();
        }
    }

    /// <summary>Number of parallel workers (the caller included).</summary>
    public int Workers { get; }

    /// <summary>A pool that runs everything on the calling thread.</summary>
    public static KernelPool Serial { get; } = new(1);

    /// <summary>Runs <paramref name="body"/>(p) for p in [0, partitions); worker w takes partitions w, w + Workers, ...</summary>
    public void Run(int partitions, Action<int> body)
    {
        if (partitions == 1 || Workers == 1)
        {
            for (var i = 0; i < partitions; i++) body(i);
            return;
        }
        // One parallel region at a time per pool. A caller that finds the helpers busy (another layer's region, on
        // another thread) runs its partitions itself rather than wait: the threads stay busy and the partitions,
        // fixed by the caller, give the same result on any thread.
        if (!Monitor.TryEnter(_gate))
        {
            for (var i = 0; i < partitions; i++) body(i);
            return;
        }
        try
        {
            _body = body;
            _partitions = partitions;
            var helpers = Math.Min(_threads.Length, partitions - 1);
            _done.Reset(helpers);
            for (var w = 0; w < helpers; w++) _start[w].Release();
            for (var p = 0; p < partitions; p += Workers) body(p);
            _done.Wait();
            _body = null;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    private void Work(int index)
    {
        while (true)
        {
            _start[index - 1].Wait();
            if (_disposed) return;
            try
            {
                for (var p = index; p < _partitions; p += Workers) _body!(p);
            }
            finally
            {
                _done.Signal();
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var s in _start) s.Release();
    }
}
