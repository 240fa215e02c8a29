namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// The input path of the real FPGA (dynapse.md §1.4, rockpool-digest §9.1–9.2): events are preloaded
/// at most 65,535 per transfer, with inter-event intervals of at most 65,535 ticks of the ISI base (an
/// integer multiple of the 90 MHz clock; Rockpool's default 2e-5 s = 1,800 clock ticks). Longer gaps are
/// bridged with dummy events (core mask 0) when allowed. Long inputs go in batches cut by trials, by
/// steps or by events; a batch that fails is split into halves, recursively, as RecDynapSE does.
/// </summary>
public static class FpgaInput
{
    public const int MaxEventsPerTransfer = 65535;
    public const int MaxIsiTicks = 65535;
    public const double ClockPeriod = 1 / 90e6;

    /// <summary>The ISI base for a step of <paramref name="dt"/> s: floor(dt / clock) clock ticks (at least 1), in seconds.</summary>
    public static double IsiBase(double dt) => Math.Max(1, Math.Floor(dt / ClockPeriod + 1e-9)) * ClockPeriod;

    /// <summary>
    /// The FPGA events of input events at whole ticks <paramref name="ticks"/> (ascending) on virtual
    /// neurons <paramref name="neurons"/>; a gap above 65,535 ticks gets dummy events when
    /// <paramref name="allowDummies"/>, else is refused naming the event; more than 65,535 events are refused.
    /// </summary>
    public static List<FpgaEvent> Encode(ReadOnlySpan<long> ticks, ReadOnlySpan<int> neurons, int targetChip = 0, int coreMask = 15, bool allowDummies = true)
    {
        var events = new List<FpgaEvent>(ticks.Length);
        long last = 0;
        for (var i = 0; i < ticks.Length; i++)
        {
            var gap = ticks[i] - last;
            if (gap < 0) throw new ArgumentException($"input event {i} at tick {ticks[i]} comes before the previous one at {last}");
            while (gap > MaxIsiTicks)
            {
                if (!allowDummies)
                    throw new FpgaLimitException($"input event {i}: a gap of {gap} ticks exceeds the FPGA's {MaxIsiTicks}-tick inter-event limit (a coarser ISI base, or dummy events)");
                events.Add(new FpgaEvent(0, targetChip, 0, MaxIsiTicks));
                gap -= MaxIsiTicks;
            }
            events.Add(new FpgaEvent(neurons[i], targetChip, coreMask, (int)gap));
            last = ticks[i];
        }
        if (events.Count > MaxEventsPerTransfer)
            throw new FpgaLimitException($"{events.Count} FPGA events in one transfer; the limit is {MaxEventsPerTransfer} (split the input into batches)");
        return events;
    }

    /// <summary>
    /// Cuts steps [0, <paramref name="steps"/>) into batches of at most <paramref name="maxEvents"/> events
    /// (<paramref name="eventsPerStep"/>[s] each) and <paramref name="maxSteps"/> steps; with
    /// <paramref name="trialStarts"/> batches begin only at a trial start. Returns [start, end) step ranges.
    /// </summary>
    public static List<(int Start, int End)> Batches(ReadOnlySpan<int> eventsPerStep, int steps, int maxEvents = MaxEventsPerTransfer, int maxSteps = int.MaxValue, IReadOnlyList<int>? trialStarts = null)
    {
        var cuts = trialStarts is null ? Enumerable.Range(0, steps + 1).ToList() : trialStarts.Where(t => t > 0 && t < steps).Append(steps).Distinct().Order().ToList();
        var batches = new List<(int, int)>();
        var start = 0;
        while (start < steps)
        {
            var events = 0L;
            var end = start;
            foreach (var cut in cuts.Where(c => c > start))
            {
                long add = 0;
                for (var s = end; s < cut; s++) add += eventsPerStep[s];
                if (end > start && (events + add > maxEvents || cut - start > maxSteps)) break;
                events += add;
                end = cut;
            }
            batches.Add((start, end));
            start = end;
        }
        return batches;
    }

    /// <summary>
    /// Sends [start, end) with <paramref name="send"/>; when it throws <see cref="FpgaLimitException"/> or
    /// <see cref="ArgumentException"/> the range is split into halves and each half sent in turn (RecDynapSE's
    /// recursive halving); a single step that still fails is rethrown. Returns the ranges that went through.
    /// </summary>
    public static List<(int Start, int End)> SendHalving(int start, int end, Action<int, int> send)
    {
        var sent = new List<(int, int)>();
        Send(start, end);
        return sent;

        void Send(int a, int b)
        {
            try
            {
                send(a, b);
                sent.Add((a, b));
            }
            catch (Exception e) when ((e is FpgaLimitException or ArgumentException) && b - a > 1)
            {
                var mid = a + (b - a) / 2;
                Send(a, mid);
                Send(mid, b);
            }
        }
    }
}
