using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace EventSpike.Neurons.Kernels;

/// <summary>
/// The cores a layer may use: <see cref="Run(int, Action{int})"/> executes one body per partition in parallel and
/// returns when all are done. Partitions are fixed by the caller (never by the pool), so a result does not depend on
/// how many threads actually ran it. The pool keeps its own worker threads (Workers − 1 of them; the caller runs
/// partition 0, Workers, ...).
/// <para>
/// Hand-offs spin before they block: a helper that finished a region spins (yielding its core to anything else that
/// is runnable) for <see cref="SpinMicroseconds"/> before it sleeps on a semaphore, and the caller waits for the helpers
/// the same way. A run of one-step windows hands a region over every few tens of microseconds, so the helper is
/// nearly always still spinning and a hand-off is a cache line, not an OS wake-up (several microseconds). A region may
/// have two phases with a barrier between them (<see cref="Run(int, Action{int}, Action?, Action{int}?)"/>): one
/// hand-off instead of two for "every partition integrates, then every partition feeds its targets".
/// </para>
/// </summary>
public sealed class KernelPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _wake;
    private readonly long[] _ticket;      // per helper: the region it is asked to join (a new value: go)
    private readonly int[] _parked;       // per helper: 1 while it sleeps (or is about to) on its semaphore
    private readonly ManualResetEventSlim _done = new(false, 0);
    private readonly object _gate = new();
    private readonly long _spinTicks;
    private long _region;
    private long _go;                     // the region whose second phase may start
    private int _arrived, _remaining;
    private Action<int>? _first, _then;
    private int _partitions;
    private Exception? _error;
    private volatile bool _disposed;
    private long _regions, _serialRuns, _wakes, _callerBusy, _callerWait, _helperBusy, _regionTicks;

    /// <param name="workers">Threads that run partitions, the caller included.</param>
    /// <param name="spinMicroseconds">How long an idle helper (or a waiting caller) spins before it blocks.</param>
    public KernelPool(int workers, double spinMicroseconds = 100)
    {
        Workers = Math.Max(1, workers);
        SpinMicroseconds = Math.Max(0, spinMicroseconds);
        _spinTicks = (long)(SpinMicroseconds * 1e-6 * Stopwatch.Frequency);
        _threads = new Thread[Workers - 1];
        _wake = new SemaphoreSlim[Workers - 1];
        _ticket = new long[Workers - 1];
        _parked = new int[Workers - 1];
        for (var w = 0; w < _threads.Length; w++)
        {
            var helper = w;
            _wake[w] = new SemaphoreSlim(0);
            _threads[w] = new Thread(() => Work(helper)) { IsBackground = true, Name = $"kernel-pool-{helper + 1}" };
            _threads[w].Start();
        }
    }

    /// <summary>Number of parallel workers (the caller included).</summary>
    public int Workers { get; }

    /// <summary>How long an idle helper spins before it sleeps, microseconds.</summary>
    public double SpinMicroseconds { get; }

    /// <summary>A pool that runs everything on the calling thread.</summary>
    public static KernelPool Serial { get; } = new(1);

    /// <summary>Runs <paramref name="body"/>(p) for p in [0, partitions); worker w takes partitions w, w + Workers, ...</summary>
    public void Run(int partitions, Action<int> body) => Run(partitions, body, null, null);

    /// <summary>
    /// Runs <paramref name="first"/>(p) for every partition, then <paramref name="between"/> once (on the caller, while
    /// the helpers wait), then <paramref name="then"/>(p) for every partition, each partition on the same worker in both
    /// phases; one hand-off for both phases. Run serially it is the same three steps in the same order.
    /// </summary>
    public void Run(int partitions, Action<int> first, Action? between, Action<int>? then)
    {
        // One parallel region at a time per pool. A caller that finds the helpers busy (another layer's region, on
        // another thread) runs its partitions itself rather than wait: the threads stay busy and the partitions,
        // fixed by the caller, give the same result on any thread.
        if (partitions == 1 || Workers == 1 || !Monitor.TryEnter(_gate))
        {
            Interlocked.Increment(ref _serialRuns);
            for (var i = 0; i < partitions; i++) first(i);
            between?.Invoke();
            if (then is not null)
                for (var i = 0; i < partitions; i++) then(i);
            return;
        }
        try
        {
            Region(partitions, first, between, then);
        }
        finally
        {
            _first = _then = null;
            Monitor.Exit(_gate);
        }
    }

    /// <summary>Hands the region to the helpers, runs the caller's share and waits for the rest.</summary>
    private void Region(int partitions, Action<int> first, Action? between, Action<int>? then)
    {
        var start = Stopwatch.GetTimestamp();
        _first = first;
        _then = then;
        _partitions = partitions;
        _error = null;
        var helpers = Math.Min(_threads.Length, partitions - 1);
        Volatile.Write(ref _arrived, 0);
        Volatile.Write(ref _remaining, helpers);
        _done.Reset();
        var region = Interlocked.Increment(ref _region);
        for (var w = 0; w < helpers; w++)
        {
            Volatile.Write(ref _ticket[w], region);
            if (Interlocked.Exchange(ref _parked[w], 0) == 1) _wake[w].Release();
        }
        var busy = Phase(first, 0);
        if (then is not null)
        {
            SpinUntilArrived(helpers);
            if (_error is null) between?.Invoke();
            Volatile.Write(ref _go, region);
            if (_error is null) busy += Phase(then, 0);
        }
        Join();
        if (then is null && _error is null) between?.Invoke();
        var end = Stopwatch.GetTimestamp();
        _regions++;
        _callerBusy += busy;
        _callerWait += end - start - busy;
        _regionTicks += end - start;
        if (_error is { } error) ExceptionDispatchInfo.Capture(error).Throw();
    }

    /// <summary>Runs a phase's partitions of worker <paramref name="worker"/>; returns the ticks spent. A failure is kept for the caller.</summary>
    private long Phase(Action<int> body, int worker)
    {
        var from = Stopwatch.GetTimestamp();
        for (var p = worker; p < _partitions; p += Workers)
        {
            try
            {
                body(p);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
        }
        return Stopwatch.GetTimestamp() - from;
    }

    private void SpinUntilArrived(int helpers)
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _arrived) < helpers) spin.SpinOnce(sleep1Threshold: -1);
    }

    /// <summary>The caller waits for the helpers: spinning first, then on the event the last of them sets.</summary>
    private void Join()
    {
        var spin = new SpinWait();
        var from = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _remaining) > 0)
        {
            if (Stopwatch.GetTimestamp() - from > _spinTicks)
            {
                _done.Wait();
                return;
            }
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void Work(int helper)
    {
        var seen = 0L;
        var worker = helper + 1;
        while (true)
        {
            seen = AwaitTicket(helper, seen);
            if (_disposed) return;
            var busy = Phase(_first!, worker);
            if (_then is { } then)
            {
                Interlocked.Increment(ref _arrived);
                var spin = new SpinWait();
                while (Volatile.Read(ref _go) != seen) spin.SpinOnce(sleep1Threshold: -1);
                if (_error is null) busy += Phase(then, worker);
            }
            Interlocked.Add(ref _helperBusy, busy);
            if (Interlocked.Decrement(ref _remaining) == 0) _done.Set();
        }
    }

    /// <summary>A helper waits for a new ticket: spinning for a while, then asleep on its semaphore.</summary>
    private long AwaitTicket(int helper, long seen)
    {
        var spin = new SpinWait();
        var from = Stopwatch.GetTimestamp();
        while (true)
        {
            var ticket = Volatile.Read(ref _ticket[helper]);
            if (ticket != seen) return ticket;
            if (Stopwatch.GetTimestamp() - from > _spinTicks) break;
            spin.SpinOnce(sleep1Threshold: -1);
        }
        Interlocked.Exchange(ref _parked[helper], 1);
        if (Volatile.Read(ref _ticket[helper]) is var late && late != seen)
        {
            // The ticket came while parking: whoever takes the flag back owns the wake-up.
            if (Interlocked.Exchange(ref _parked[helper], 0) == 0) _wake[helper].Wait();
            return late;
        }
        _wake[helper].Wait();
        Interlocked.Increment(ref _wakes);
        return Volatile.Read(ref _ticket[helper]);
    }

    /// <summary>What the pool has done so far (regions, hand-offs that slept, busy and waiting time).</summary>
    public KernelPoolStatistics Statistics
    {
        get
        {
            var f = (double)Stopwatch.Frequency;
            return new KernelPoolStatistics(Interlocked.Read(ref _regions), Interlocked.Read(ref _serialRuns), Interlocked.Read(ref _wakes),
                _callerBusy / f, _callerWait / f, Interlocked.Read(ref _helperBusy) / f, _regionTicks / f);
        }
    }

    /// <summary>Starts the <see cref="Statistics"/> afresh (say, after a warm-up).</summary>
    public void ResetStatistics()
    {
        lock (_gate)
        {
            _regions = _serialRuns = _wakes = _callerBusy = _callerWait = _helperBusy = _regionTicks = 0;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        for (var w = 0; w < _threads.Length; w++)
        {
            Volatile.Write(ref _ticket[w], long.MinValue);
            _wake[w].Release();
        }
    }
}
