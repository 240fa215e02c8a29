using EventSpike.Hardware.Sensors;
using EventSpike.Neurons.Series;

namespace EventSpike.Hardware.Streaming;

/// <summary>
/// Turns decoded sensor events into a <see cref="SensorWindowSource"/>'s input: rebases time so that the first
/// event is at t = 0, puts an event at t µs into step ⌊t/dt⌋ (<see cref="StepRule"/>, the rule <c>run --input</c>
/// uses on the same times in seconds), maps (x, y, polarity) to a channel, and counts what came in.
/// A live feed may also let the watermark follow the wall clock while no events come (<see cref="FollowClock"/>).
/// Used by one feeder thread at a time.
/// </summary>
public sealed class SensorIngest(SensorWindowSource source, SensorMapping mapping, double dt)
{
    private long _t0 = long.MinValue;
    private long _advanced = -1;
    private long _events;
    private long _outside;
    private long _latestUs;
    private long _firstArrival;
    private long _clockOffsetUs = long.MinValue;
    private int[] _channels = new int[64];

    /// <summary>
    /// How far behind the wall clock's estimate of sensor time a quiet live source's watermark stays by default (µs): an
    /// event delayed by more than this (beyond the least delay seen) finds its window given and is dropped.
    /// </summary>
    public const long DefaultClockSlackUs = 20_000;

    /// <summary>How far behind the wall clock's estimate of sensor time a quiet live source's watermark stays (µs).</summary>
    public long ClockSlackUs { get; init; } = DefaultClockSlackUs;

    /// <summary>Every decoded event offered, cropped ones included (summary's <c>events_in</c>).</summary>
    public long EventsIn => Interlocked.Read(ref _events);

    /// <summary>Events the crop (or the sensor's size) left out.</summary>
    public long Outside => Interlocked.Read(ref _outside);

    /// <summary>The latest rebased event time seen (µs).</summary>
    public long LatestUs => _latestUs;

    public SensorWindowSource Source => source;

    /// <summary>An event's time in seconds from the first event: what an equivalent TSEvent holds.</summary>
    public static double Seconds(long relativeUs) => relativeUs * 1e-6;

    /// <summary>The step of a rebased time.</summary>
    public long StepOf(long relativeUs) => StepRule.StepOf(Seconds(relativeUs), 0, dt);

    /// <summary>The time of <paramref name="timestampUs"/> from the first event (the first call sets t = 0).</summary>
    public long Relative(long timestampUs)
    {
        if (_t0 == long.MinValue) _t0 = timestampUs;
        return timestampUs - _t0;
    }

    /// <summary>Offers one event that arrived at <paramref name="arrivedAt"/> (Stopwatch ticks); does not move the watermark.</summary>
    public void Offer(in SensorEvent e, long arrivedAt)
    {
        Interlocked.Increment(ref _events);
        var rel = Relative(e.TimestampUs);
        if (rel > _latestUs) _latestUs = rel;
        var channel = mapping.Channel(e);
        if (channel < 0)
        {
            Interlocked.Increment(ref _outside);
            return;
        }
        source.Offer(StepOf(rel), channel, arrivedAt);
    }

    /// <summary>Offers an event of a time-ordered stream: every event before its step is in (may block under the block policy).</summary>
    public void OfferInOrder(in SensorEvent e, long arrivedAt, CancellationToken cancel) => OfferInOrder(new ReadOnlySpan<SensorEvent>(in e), arrivedAt, cancel);

    /// <summary>
    /// Offers time-ordered events that arrived at <paramref name="arrivedAt"/>, as <see cref="OfferInOrder(in SensorEvent, long, CancellationToken)"/>
    /// on each in turn would, but the events of one step go to the source at once (one lock per step, not per event: at
    /// 1 M events/s the feeder and the network's thread otherwise meet on the source's lock a million times a second).
    /// </summary>
    public void OfferInOrder(ReadOnlySpan<SensorEvent> events, long arrivedAt, CancellationToken cancel)
    {
        if (_channels.Length < events.Length) _channels = new int[Math.Max(events.Length, 2 * _channels.Length)];
        for (var i = 0; i < events.Length;)
        {
            var step = StepOf(Relative(events[i].TimestampUs));
            var kept = 0;
            var j = i;
            for (; j < events.Length; j++)
            {
                var rel = Relative(events[j].TimestampUs);
                if (j > i && StepOf(rel) != step) break;
                if (rel > _latestUs) _latestUs = rel;
                var channel = mapping.Channel(events[j]);
                if (channel >= 0) _channels[kept++] = channel;
            }
            Interlocked.Add(ref _events, j - i);
            if (kept < j - i) Interlocked.Add(ref _outside, j - i - kept);
            if (step > _advanced) AdvanceToStep(Math.Max(0, step), cancel);
            source.Offer(step, _channels.AsSpan(0, kept), arrivedAt);
            i = j;
        }
    }

    /// <summary>Offers a batch that arrived at once, then moves the watermark to the latest event's step.</summary>
    public void OfferBatch(IReadOnlyList<SensorEvent> events, long arrivedAt, CancellationToken cancel)
    {
        if (events.Count == 0) return;
        for (var i = 0; i < events.Count; i++) Offer(events[i], arrivedAt);
        if (_firstArrival == 0) _firstArrival = arrivedAt;
        _clockOffsetUs = Math.Max(_clockOffsetUs, _latestUs - WallUs(arrivedAt));
        AdvanceToStep(StepOf(_latestUs), cancel);
    }

    /// <summary>
    /// No events have come until <paramref name="now"/> (Stopwatch ticks): the watermark follows the wall clock. Sensor time
    /// is estimated as wall time since the first batch plus the largest (event time − arrival time) seen, i.e. from the
    /// least delayed batch, less <see cref="ClockSlackUs"/>. Nothing moves before the first batch (sensor time starts there).
    /// </summary>
    public void FollowClock(long now, CancellationToken cancel)
    {
        if (_clockOffsetUs == long.MinValue) return;
        var sensorNow = WallUs(now) + _clockOffsetUs - ClockSlackUs;
        if (sensorNow > 0) AdvanceTo(sensorNow, cancel);
    }

    private long WallUs(long ticks) => (long)((ticks - _firstArrival) * (1e6 / System.Diagnostics.Stopwatch.Frequency));

    /// <summary>Every event before rebased time <paramref name="relativeUs"/> is in.</summary>
    public void AdvanceTo(long relativeUs, CancellationToken cancel) => AdvanceToStep(StepOf(relativeUs), cancel);

    private void AdvanceToStep(long step, CancellationToken cancel)
    {
        if (step <= _advanced) return;
        _advanced = step;
        source.Advance(step, cancel);
    }
}
