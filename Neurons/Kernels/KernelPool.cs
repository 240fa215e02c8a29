using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace EventSpike.Neurons.Kernels;

/// <summary>
/// The cores a layer may use: <see cref="Run(int, Action{int})"/> executes one body per partition in parallel and
/// returns when all are done. Partitions are fixed by the caller (never by the pool), so a result does not depend on
/// how many threads actually ran it, nor on which thread ran which partition. The pool keeps its own worker threads
/// (Workers − 1 helpers besides the caller).
/// <para>
/// The caller and the helpers claim partitions one at a time from a shared counter, so the caller never waits for a
/// helper that has not started (the OS has not run it yet, on a loaded machine or with more runnable threads than
/// cores): it runs the unclaimed partitions itself and waits only for those a helper is running. An idle helper spins
/// (yielding its core to anything else runnable) for <see cref="SpinMicroseconds"/> before it sleeps on a semaphore:
/// one-step windows open a region every few tens of microseconds, so a hand-off is nearly always a cache line, not an
/// OS wake-up. A region may have two phases with a barrier between them
/// (<see cref="Run(int, Action{int}, Action?, Action{int}?)"/>): one hand-off instead of two for "every partition
/// integrates, then every partition feeds its targets".
/// </para>
/// </summary>
public sealed class KernelPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _wake;
    // Pulsed by whichever thread finishes a phase's last partition: the caller waits on it once its spin is over, so a
    // helper that the OS took off its core (more runnable threads than cores) gets the caller's core instead of a spinner.
    private readonly object _phaseDone = new();
    private readonly long[] _ticket;      // per helper: the region it is asked to join (a new value: go)
    private readonly int[] _parked;       // per helper: 1 while it sleeps (or is about to) on its semaphore
    private readonly object _gate = new();
    private readonly long _spinTicks;
    private const int ClaimBits = 24;
    private const long ClaimMask = (1L << ClaimBits) - 1;
    private long _region;                 // the last region opened (the caller's count)
    private long _current;                // the region open now, 0 when none
    private long _claims1, _claims2;      // per phase: region << ClaimBits | partitions claimed so far
    private int _done1, _done2;           // per phase: partitions finished
    private Action<int>? _first, _then;
    private int _partitions;
    private Exception? _error;
    private volatile bool _disposed;
    private long _regions, _serialRuns, _wakes, _callerBusy, _callerWait, _helperBusy, _regionTicks, _partitionsRun, _helperPartitions;

    /// <param name="workers">Threads that run partitions, the caller included.</param>
    /// <param name="spinMicroseconds">How long an idle helper spins before it sleeps.</param>
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

    /// <summary>
    /// Which worker of its pool the current thread is: helper h is h + 1, any other thread (a caller) 0. A region whose
    /// partitions are fixed sets of data can let each worker take the same set every time (<c>PlainLoopRunner</c>: a layer
    /// that moves between cores every window runs about a third slower, its state fetched from the other core's cache).
    /// </summary>
    public static int CurrentWorker => t_worker;

    [ThreadStatic] private static int t_worker;

    /// <summary>
    /// In a region whose partitions are data that should stay on one core from region to region: the partition the current
    /// worker takes, its own (worker k, partition k) while no one has taken it, else the first one left (a helper the OS
    /// ran late leaves its own to the caller). <paramref name="taken"/> holds a flag per partition, zeroed before the
    /// region; each partition body calls this once and so takes a partition of its own.
    /// </summary>
    public static int TakeOwn(int[] taken)
    {
        var own = t_worker;
        if (own < taken.Length && Interlocked.Exchange(ref taken[own], 1) == 0) return own;
        for (var p = 0; p < taken.Length; p++)
            if (Interlocked.Exchange(ref taken[p], 1) == 0) return p;
        throw new InvalidOperationException($"more partitions ran than the {taken.Length} there are");
    }

    /// <summary>A pool that runs everything on the calling thread.</summary>
    public static KernelPool Serial { get; } = new(1);

    /// <summary>Runs <paramref name="body"/>(p) for p in [0, partitions), on whichever worker claims p first.</summary>
    public void Run(int partitions, Action<int> body) => Run(partitions, body, null, null);

    /// <summary>
    /// Runs <paramref name="first"/>(p) for every partition, then <paramref name="between"/> once (on the caller, while
    /// the helpers wait), then <paramref name="then"/>(p) for every partition; one hand-off for both phases. Run serially
    /// it is the same three steps in the same order.
    /// </summary>
    public void Run(int partitions, Action<int> first, Action? between, Action<int>? then)
    {
        // One parallel region at a time per pool. A caller that finds the helpers busy (another layer's region, on
        // another thread) runs its partitions itself rather than wait: the threads stay busy and the partitions,
        // fixed by the caller, give the same result on any thread.
        // A partition that itself runs on the pool (the caller's own region, nested) runs serially too.
        if (partitions == 1 || Workers == 1 || Monitor.IsEntered(_gate) || !Monitor.TryEnter(_gate))
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

    /// <summary>Opens the region to the helpers, claims partitions itself and waits for the ones a helper is still running.</summary>
    private void Region(int partitions, Action<int> first, Action? between, Action<int>? then)
    {
        var start = Stopwatch.GetTimestamp();
        _first = first;
        _then = then;
        _partitions = partitions;
        _error = null;
        _done1 = _done2 = 0;
        var region = ++_region;
        Volatile.Write(ref _current, region);
        Volatile.Write(ref _claims1, region << ClaimBits);
        var helpers = Math.Min(_threads.Length, partitions - 1);
        for (var w = 0; w < helpers; w++)
        {
            Volatile.Write(ref _ticket[w], region);
            if (Interlocked.Exchange(ref _parked[w], 0) == 1) _wake[w].Release();
        }
        var busy = 0L;
        try
        {
            busy = RunClaims(1, ref _claims1, ref _done1, region, false);
            WaitUntilDone(ref _done1, partitions);
            if (_error is null) between?.Invoke();
            if (then is not null && _error is null)
            {
                Volatile.Write(ref _claims2, region << ClaimBits);
                busy += RunClaims(2, ref _claims2, ref _done2, region, false);
                WaitUntilDone(ref _done2, partitions);
            }
        }
        finally
        {
            // Close both phases' claims before the next region sets its partition count: a helper that still holds this
            // region's ticket (it woke after the caller had run every partition) then finds nothing to claim. Left as
            // they were, a spent count below the next region's partition count looked open to it, and it ran the next
            // region's bodies before their barrier.
            Volatile.Write(ref _claims1, 0);
            Volatile.Write(ref _claims2, 0);
            Volatile.Write(ref _current, 0);
        }
        var end = Stopwatch.GetTimestamp();
        _regions++;
        _callerBusy += busy;
        _callerWait += end - start - busy;
        _regionTicks += end - start;
        if (_error is { } error) ExceptionDispatchInfo.Capture(error).Throw();
    }

    /// <summary>
    /// Claims partitions of a phase of <paramref name="region"/> one at a time and runs them, until none is left;
    /// returns the ticks spent in them. The body is read only after a claim succeeded (the region cannot end while a
    /// claimed partition runs), so a helper that comes late finds nothing to claim and touches nothing. A failure is kept for the caller.
    /// </summary>
    private long RunClaims(int phase, ref long claims, ref int done, long region, bool helper)
    {
        var ticks = 0L;
        while (true)
        {
            var c = Volatile.Read(ref claims);
            if (c >> ClaimBits != region || (int)(c & ClaimMask) >= _partitions) return ticks;
            if (Interlocked.CompareExchange(ref claims, c + 1, c) != c) continue;
            var from = Stopwatch.GetTimestamp();
            try
            {
                (phase == 1 ? _first : _then)!((int)(c & ClaimMask));
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            ticks += Stopwatch.GetTimestamp() - from;
            if (helper) Interlocked.Increment(ref _helperPartitions);
            Interlocked.Increment(ref _partitionsRun);
            if (Interlocked.Increment(ref done) == _partitions)
                lock (_phaseDone) Monitor.PulseAll(_phaseDone);
        }
    }

    /// <summary>
    /// Waits for the partitions a helper claimed and still runs: spinning (yielding the core) for
    /// <see cref="SpinMicroseconds"/>, then blocked until the last partition's thread pulses (the count is checked under
    /// the lock it pulses with, so no pulse is missed; a late pulse of an earlier phase only makes it look again).
    /// </summary>
    private void WaitUntilDone(ref int done, int partitions)
    {
        var spin = new SpinWait();
        var from = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref done) < partitions)
        {
            if (Stopwatch.GetTimestamp() - from > _spinTicks)
            {
                lock (_phaseDone)
                    while (Volatile.Read(ref done) < partitions) Monitor.Wait(_phaseDone);
                return;
            }
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void Work(int helper)
    {
        t_worker = helper + 1;
        var seen = 0L;
        while (true)
        {
            seen = AwaitTicket(helper, seen);
            if (_disposed) return;
            var busy = RunClaims(1, ref _claims1, ref _done1, seen, true);
            // The second phase opens after the barrier; the caller may also have finished the region alone meanwhile,
            // and after a spin the helper leaves the phase to the caller rather than keep a core it may need.
            var spin = new SpinWait();
            var from = Stopwatch.GetTimestamp();
            while (Volatile.Read(ref _claims2) >> ClaimBits != seen && Volatile.Read(ref _current) == seen
                   && Stopwatch.GetTimestamp() - from <= _spinTicks) spin.SpinOnce(sleep1Threshold: -1);
            busy += RunClaims(2, ref _claims2, ref _done2, seen, true);
            Interlocked.Add(ref _helperBusy, busy);
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
                _callerBusy / f, _callerWait / f, Interlocked.Read(ref _helperBusy) / f, _regionTicks / f)
            {
                Partitions = Interlocked.Read(ref _partitionsRun),
                HelperPartitions = Interlocked.Read(ref _helperPartitions),
            };
        }
    }

    /// <summary>Starts the <see cref="Statistics"/> afresh (say, after a warm-up).</summary>
    public void ResetStatistics()
    {
        lock (_gate)
        {
            _regions = _serialRuns = _wakes = _callerBusy = _callerWait = _helperBusy = _regionTicks = _partitionsRun = _helperPartitions = 0;
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
