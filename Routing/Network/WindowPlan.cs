namespace EventSpike.Routing.Network;

/// <summary>
/// How steps [<see cref="FirstStep"/>, <see cref="TotalSteps"/>) are cut into windows of
/// <see cref="WindowSteps"/> steps (the last may be shorter), and which window of a sender a
/// receiver needs. A run that continues an earlier one (the Network API) starts past step 0.
/// </summary>
public sealed record WindowPlan(long TotalSteps, int WindowSteps, long FirstStep = 0)
{
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
