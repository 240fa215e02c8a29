namespace EventSpike.Routing.Network;

/// <summary>
/// How steps [<see cref="FirstStep"/>, <see cref="TotalSteps"/>) are cut into windows of
/// <see cref="WindowSteps"/> steps (the last may be shorter), and which window of a sender a
/// receiver needs. A run that continues an earlier one (the Network API) starts past step 0.
/// An <see cref="OpenEnded"/> plan has no end of its own: the run lasts until its sources end
/// (the scheduler learns the last window from them), so its windows are counted as if it never ended.
/// </summary>
public sealed record WindowPlan(long TotalSteps, int WindowSteps, long FirstStep = 0)
{
    /// <summary>The step count that stands for "no end" (far enough from overflow for any step arithmetic).</summary>
    public const long Unbounded = long.MaxValue / 4;

    /// <summary>A plan that lasts until its sources have said end-of-stream.</summary>
    public static WindowPlan Open(int windowSteps, long firstStep = 0) => new(Unbounded, windowSteps, firstStep);

    /// <summary>Whether the run's end comes from its sources rather than from a duration.</summary>
    public bool OpenEnded => TotalSteps >= Unbounded;

    /// <summary>The plan of an open-ended run that turned out to end after window <paramref name="lastWindow"/>.</summary>
    public WindowPlan EndingAfter(long lastWindow) => this with { TotalSteps = StartOf(lastWindow) + WindowSteps };

    public long WindowCount => (TotalSteps - FirstStep + WindowSteps - 1) / WindowSteps;

    public long StartOf(long window) => FirstStep + window * WindowSteps;

    public int StepsIn(long window) => (int)Math.Min(WindowSteps, TotalSteps - StartOf(window));

    /// <summary>
    /// The last window of a sender whose spikes can reach a receiver's window <paramref name="window"/>
    /// over a connection of <paramref name="delaySteps"/>: spikes at step s arrive at s + delay, so
    /// the receiver needs every sender step up to (window+1)·W − 1 − delay. −1 when none.
    /// </summary>
    public long RequiredSenderWindow(long window, int delaySteps)
    {
        var lastStep = Math.Min(StartOf(window) + StepsIn(window), TotalSteps) - 1 - delaySteps;
        if (lastStep < FirstStep) return -1;
        return Math.Min((lastStep - FirstStep) / WindowSteps, WindowCount - 1);
    }

    public long WindowOf(long step) => (step - FirstStep) / WindowSteps;
}
