namespace EventSpike.Hardware.Streaming;

/// <summary>
/// The events a sensor source holds for windows not yet given, and its backpressure policy (not thread-safe:
/// <see cref="SensorWindowSource"/> locks around it). Events are kept at simulated steps = sensor step − shift;
/// every window the policy sheds adds one window to the shift, so the network catches up with the sensor:
/// drop-oldest discards the oldest waiting windows, drop-newest the windows that found the backlog full, merge
/// folds the oldest waiting windows into one (each event keeps its step within its window).
/// </summary>
public sealed class WindowBacklog(int windowSteps, BackpressurePolicy policy, int capacity)
{
    private readonly record struct Pending(long Step, int Channel, long ArrivedAt);

    private List<Pending> _events = new();
    private long _shift;

    public BackpressurePolicy Policy => policy;

    /// <summary>Windows before this step have been given to the network.</summary>
    public long GivenStep { get; private set; }

    /// <summary>The latest simulated step an event was kept at (−1: none).</summary>
    public long LastStep { get; private set; } = -1;

    public long Dropped { get; private set; }

    /// <summary>Windows shed by the policy.</summary>
    public long ShedWindows { get; private set; }

    public long ToSimulated(long sensorStep) => sensorStep - _shift;

    /// <summary>How far the watermark may go toward <paramref name="target"/> with at most <c>capacity</c> complete windows waiting.</summary>
    public long Room(long target) => Math.Min(target, GivenStep + (long)capacity * windowSteps);

    public void CountDropped(long n) => Dropped += n;

    /// <summary>Keeps an event; one for a window already given is dropped, or under merge goes into the first window not given.</summary>
    public void Add(long sensorStep, int channel, long arrivedAt)
    {
        var step = sensorStep - _shift;
        if (step < GivenStep)
        {
            if (policy != BackpressurePolicy.Merge)
            {
                Dropped++;
                return;
            }
            step = GivenStep;
        }
        _events.Add(new Pending(step, channel, arrivedAt));
        LastStep = Math.Max(LastStep, step);
    }

    /// <summary>
    /// Sheds ⌈<paramref name="excess"/>/W⌉ windows by the policy (the watermark wanted <paramref name="excess"/> steps
    /// more than the backlog holds) and returns the new watermark: <paramref name="sensorStep"/> in simulated steps.
    /// </summary>
    public long Shed(long excess, long sensorStep)
    {
        var n = (excess + windowSteps - 1) / windowSteps;
        var w = (long)windowSteps;
        var first = GivenStep / w;                              // the oldest waiting window
        var (from, to) = policy == BackpressurePolicy.DropNewest ? (first + capacity, first + capacity + n) : (first, first + n);
        var kept = new List<Pending>(_events.Count);
        foreach (var e in _events)
        {
            var window = e.Step / w;
            if (window < from) kept.Add(e);
            else if (window >= to) kept.Add(e with { Step = e.Step - n * w });
            else if (policy == BackpressurePolicy.Merge) kept.Add(e with { Step = e.Step - (window - first) * w });
            else Dropped++;
        }
        _events = kept;
        _shift += n * w;
        LastStep = Math.Max(-1, LastStep - n * w);
        ShedWindows += n;
        return sensorStep - _shift;
    }

    /// <summary>
    /// Removes the events of the window [start, start+steps) and returns them as a batch's arrays: <c>stepPtr</c> (steps + 1
    /// offsets) and <c>channels</c> in step then channel order, with the latest arrival among them (0: none). A counting
    /// sort by step, then each step's few channels sorted in place: nothing is allocated but the two arrays the batch keeps
    /// (a window's garbage, at 1 M events/s, brought a collection every few hundred windows).
    /// </summary>
    public (int[] StepPtr, int[] Channels, long LastArrival) Take(long start, int steps)
    {
        var end = start + steps;
        var stepPtr = new int[steps + 1];
        long last = 0;
        var n = 0;
        foreach (var e in _events)
            if (e.Step < end)
            {
                stepPtr[e.Step - start + 1]++;
                last = Math.Max(last, e.ArrivedAt);
                n++;
            }
        for (var i = 0; i < steps; i++) stepPtr[i + 1] += stepPtr[i];
        var channels = new int[n];
        if (n > 0)
        {
            Span<int> next = steps <= 1024 ? stackalloc int[steps] : new int[steps];
            stepPtr.AsSpan(0, steps).CopyTo(next);
            var kept = 0;
            var events = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_events);
            for (var i = 0; i < events.Length; i++)
            {
                if (events[i].Step < end) channels[next[(int)(events[i].Step - start)]++] = events[i].Channel;
                else events[kept++] = events[i];
            }
            _events.RemoveRange(kept, events.Length - kept);
            for (var i = 0; i < steps; i++) channels.AsSpan(stepPtr[i], stepPtr[i + 1] - stepPtr[i]).Sort();
        }
        GivenStep = end;
        return (stepPtr, channels, last);
    }

    public void Reset(long step)
    {
        GivenStep = step;
        _events.Clear();
    }
}
