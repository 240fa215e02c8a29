namespace EventSpike.Neurons.Series;

public sealed partial class TSEvent
{
    /// <summary>
    /// Rockpool's <c>raster</c>: a T×len(channels) matrix whose row k counts the events of step k,
    /// k = ⌊(t − t_start)/dt⌋ (<see cref="StepRule.StepOf"/>), so an event between steps goes to the
    /// preceding one. Without <paramref name="addEvents"/> a cell is 1 when it holds any event (Rockpool's
    /// boolean raster, see <see cref="RasterMask"/>), with it the number of events.
    ///
    /// When <paramref name="numTimesteps"/> is null, t_stop defaults to the series' and
    /// T = ⌊(t_stop − t_start)/dt⌋ + 1, so the end point is included: events in [t_start, t_stop].
    /// Otherwise T = <paramref name="numTimesteps"/> and the events of [t_start, t_start + T·dt) count.
    /// Requested channels at or beyond NumChannels give zero columns. Periodic series are repeated.
    /// </summary>
    public int[,] Raster(double dt, double? tStart = null, double? tStop = null, int? numTimesteps = null,
        int[]? channels = null, bool addEvents = false)
    {
        if (!(dt > 0) || !double.IsFinite(dt)) throw new ArgumentException($"dt must be positive, got {dt}", nameof(dt));
        var t0 = tStart ?? TStart;
        long steps;
        double t1;
        if (numTimesteps is { } n)
        {
            if (n < 0) throw new ArgumentException("num_timesteps must not be negative", nameof(numTimesteps));
            steps = n;
            t1 = t0 + n * dt;
        }
        else
        {
            t1 = tStop ?? TStop;
            if (t1 < t0) throw new ArgumentException($"t_stop ({t1}) is before t_start ({t0})", nameof(tStop));
            steps = StepRule.StepOf(t1, t0, dt) + 1;
        }
        var cols = channels ?? Enumerable.Range(0, _numChannels).ToArray();
        if (cols.Any(c => c < 0)) throw new ArgumentOutOfRangeException(nameof(channels), "channels must not be negative");
        var columnsOf = new Dictionary<int, List<int>>();
        for (var j = 0; j < cols.Length; j++)
        {
            if (!columnsOf.TryGetValue(cols[j], out var l)) columnsOf[cols[j]] = l = new List<int>();
            l.Add(j);
        }
        var raster = new int[checked((int)steps), cols.Length];
        foreach (var (t, c) in Occurrences(t0 - dt, t1 + dt))
        {
            if (numTimesteps is null && t > t1) continue;
            var k = StepRule.StepOf(t, t0, dt);
            if (k < 0 || k >= steps || !columnsOf.TryGetValue(c, out var js)) continue;
            foreach (var j in js) raster[k, j] = addEvents ? raster[k, j] + 1 : 1;
        }
        return raster;
    }

    /// <summary>The boolean form of <see cref="Raster"/>: true where a step holds at least one event.</summary>
    public bool[,] RasterMask(double dt, double? tStart = null, double? tStop = null, int? numTimesteps = null, int[]? channels = null)
    {
        var r = Raster(dt, tStart, tStop, numTimesteps, channels);
        var m = new bool[r.GetLength(0), r.GetLength(1)];
        for (var i = 0; i < r.GetLength(0); i++)
            for (var j = 0; j < r.GetLength(1); j++) m[i, j] = r[i, j] != 0;
        return m;
    }

    /// <summary>Rockpool's <c>xraster</c>: the rows of <see cref="Raster"/> one by one.</summary>
    public IEnumerable<int[]> XRaster(double dt, double? tStart = null, double? tStop = null, int? numTimesteps = null,
        int[]? channels = null, bool addEvents = false)
    {
        var r = Raster(dt, tStart, tStop, numTimesteps, channels, addEvents);
        for (var i = 0; i < r.GetLength(0); i++)
        {
            var row = new int[r.GetLength(1)];
            for (var j = 0; j < row.Length; j++) row[j] = r[i, j];
            yield return row;
        }
    }
}
