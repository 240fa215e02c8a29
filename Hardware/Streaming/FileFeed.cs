using System.Diagnostics;
using EventSpike.Hardware.Sensors;

namespace EventSpike.Hardware.Streaming;

/// <summary>
/// Replays a recording (any format <see cref="EventFiles"/> opens): as fast as the network takes it
/// (<c>speed</c> 0), or paced so that an event at t µs from the first is offered at wall time t/speed
/// (speed 1: the recorded speed, <c>--realtime</c>). While it waits for the next event the watermark follows
/// the clock, so a window is released as soon as its end has passed, not when the next event comes.
/// </summary>
public sealed class FileFeed : IStreamFeed
{
    private const int Chunk = 4096;
    private readonly Func<IEventReader> _open;
    private readonly double speed;

    /// <summary>Replays the recording at <paramref name="path"/>; <paramref name="speed"/> 0: as fast as the network takes it.</summary>
    public FileFeed(string path, double speed) : this(() => EventFiles.Open(path), path, speed) { }

    /// <summary>Replays what <paramref name="open"/> reads (a generated stream, a reader of one's own).</summary>
    public FileFeed(Func<IEventReader> open, string name, double speed)
    {
        (_open, Name, this.speed) = (open, name, speed);
    }

    public string Name { get; }

    public FeedCounters Counters { get; } = new();

    public void Run(SensorIngest ingest, CancellationToken cancel)
    {
        using var reader = _open();
        var buffer = new SensorEvent[Chunk];
        Stopwatch? clock = null;
        int n;
        while ((n = reader.Read(buffer)) > 0 && !cancel.IsCancellationRequested)
        {
            var arrived = Stopwatch.GetTimestamp();
            // The events of one step go in together: paced, when the step's last one is due (the step's window cannot be
            // given before its end anyway).
            for (int i = 0, j; i < n && !cancel.IsCancellationRequested; i = j)
            {
                var step = ingest.StepOf(ingest.Relative(buffer[i].TimestampUs));
                for (j = i + 1; j < n && ingest.StepOf(ingest.Relative(buffer[j].TimestampUs)) == step; j++) { }
                if (speed > 0)
                {
                    clock ??= Stopwatch.StartNew();
                    arrived = WaitUntilDue(ingest, ingest.Relative(buffer[j - 1].TimestampUs), clock, cancel);
                }
                ingest.OfferInOrder(buffer.AsSpan(i, j - i), arrived, cancel);
            }
        }
    }

    /// <summary>Waits until rebased time <paramref name="relativeUs"/> is due, moving the watermark with the clock; returns the time it was.</summary>
    private long WaitUntilDue(SensorIngest ingest, long relativeUs, Stopwatch clock, CancellationToken cancel)
    {
        var dueTicks = (long)(relativeUs / speed * Stopwatch.Frequency / 1e6);
        while (!cancel.IsCancellationRequested)
        {
            var left = dueTicks - clock.ElapsedTicks;
            if (left <= 0) break;
            var nowUs = (long)(clock.ElapsedTicks * 1e6 / Stopwatch.Frequency * speed);
            if (nowUs > 0) ingest.AdvanceTo(Math.Min(nowUs, relativeUs), cancel);
            if (left > Stopwatch.Frequency / 500) Thread.Sleep(1);  // more than 2 ms to go
            else Thread.Yield();  // under 2 ms: give the core to the network's threads rather than spin (a spinning feeder starves them)
        }
        return Stopwatch.GetTimestamp();
    }
}
