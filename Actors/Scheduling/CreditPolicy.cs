using EventSpike.Routing.Network;

namespace EventSpike.Actors.Scheduling;

/// <summary>
/// Which windows each layer may compute. A layer gets window w+1 only after it reported w, and only while
/// it is at most <c>credit</c> windows ahead of its slowest consumer, so no queue grows without bound
/// whatever the relative speeds. In an open-ended run the last window is the latest window in which a
/// source said end-of-stream, once every source has; until then no layer but a source runs past the
/// newest window known to be in the run (a window some source reached before its end).
/// A plain class: the scheduler actor asks it, tests drive it directly.
/// </summary>
public sealed class CreditPolicy
{
    private readonly WindowPlan _plan;
    private readonly IReadOnlyList<IReadOnlyList<int>> _consumers;
    private readonly List<int>[] _producers;
    private readonly bool[] _source;
    private readonly long[] _ended;   // per source: the window it ended in; long.MaxValue while it goes on
    private readonly int _credit;
    private readonly int[][] _affected; // per layer: itself and its producers
    private readonly long _planLast;     // the plan's last window (an open-ended plan's is far away)

    /// <param name="consumers">For each layer, the layers it feeds.</param>
    /// <param name="sources">For each layer, whether it is a source (only sources end an open-ended run).</param>
    public CreditPolicy(WindowPlan plan, IReadOnlyList<IReadOnlyList<int>> consumers, int credit, IReadOnlyList<bool>? sources = null)
    {
        if (credit < 1) throw new ArgumentOutOfRangeException(nameof(credit), "credit must be at least one window");
        _plan = plan;
        _consumers = consumers;
        _credit = credit;
        var n = consumers.Count;
        _producers = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (var l = 0; l < n; l++)
            foreach (var k in consumers[l]) _producers[k].Add(l);
        _affected = Enumerable.Range(0, n).Select(l => _producers[l].Prepend(l).ToArray()).ToArray();
        _planLast = plan.WindowCount - 1;
        _source = sources?.ToArray() ?? new bool[n];
        _ended = Enumerable.Repeat(long.MaxValue, n).ToArray();
        Done = Enumerable.Repeat(-1L, n).ToArray();
        Granted = Enumerable.Repeat(-1L, n).ToArray();
        if (plan.OpenEnded && !_source.Any(s => s))
            throw new InvalidOperationException("an open-ended run needs a source that ends it");
    }

    /// <summary>Per layer: the last window reported done.</summary>
    public long[] Done { get; }

    /// <summary>Per layer: the last window granted.</summary>
    public long[] Granted { get; }

    public int Layers => Done.Length;

    /// <summary>The run stops before this window (an interrupt with checkpoints); −1: no stop.</summary>
    public long StopAt { get; set; } = -1;

    /// <summary>The run's last window: the plan's, or in an open-ended run the one its sources ended in (long.MaxValue until known).</summary>
    public long LastWindow => !_plan.OpenEnded ? _planLast
        : _source.Select((s, l) => s ? _ended[l] : -1).Max();

    /// <summary>The newest window known to be part of the run.</summary>
    public long InRun => !_plan.OpenEnded ? _planLast
        : _source.Select((s, l) => s ? Math.Min(Done[l], _ended[l]) : -1).Max();

    /// <summary>Continues from a checkpoint: windows before <paramref name="window"/> are done.</summary>
    public void Resume(int layer, long window)
    {
        Done[layer] = window - 1;
        Granted[layer] = window - 1;
    }

    /// <summary>
    /// Layer <paramref name="layer"/> finished <paramref name="window"/>; a source whose stream has ended gives the step it
    /// ended at (<paramref name="streamEnd"/>, −1 otherwise). Null, or the protocol error.
    /// </summary>
    public string? Report(int layer, long window, long streamEnd = -1)
    {
        if (window != Done[layer] + 1 || window > Granted[layer])
            return $"protocol error: layer {layer} reported window {window} after {Done[layer]} (granted {Granted[layer]})";
        Done[layer] = window;
        if (streamEnd >= 0 && _source[layer]) _ended[layer] = Math.Min(_ended[layer], _plan.WindowOf(Math.Max(streamEnd - 1, _plan.FirstStep)));
        return null;
    }

    /// <summary>The layers whose grants may change when <paramref name="layer"/> reports: itself and its producers.</summary>
    public IReadOnlyList<int> Affected(int layer) => _affected[layer];

    /// <summary>The furthest window <paramref name="layer"/> may be granted now (below <see cref="Granted"/>+1: none).</summary>
    public long Limit(int layer)
    {
        var limit = Math.Min(_planLast, LastWindow);
        if (StopAt >= 0) limit = Math.Min(limit, StopAt - 1);
        if (_plan.OpenEnded && !_source[layer]) limit = Math.Min(limit, InRun);
        foreach (var k in _consumers[layer])
            if (k != layer) limit = Math.Min(limit, Done[k] + _credit);
        return limit;
    }

    public void Grant(int layer, long window) => Granted[layer] = window;

    /// <summary>The window every layer has finished (the slowest layer's).</summary>
    public long MinDone
    {
        get
        {
            if (Done.Length == 0) return LastWindow;
            var min = long.MaxValue;
            foreach (var d in Done) min = Math.Min(min, d);
            return min;
        }
    }

    /// <summary>Whether every layer has done the last window.</summary>
    public bool Finished
    {
        get
        {
            var last = LastWindow;
            if (last == long.MaxValue) return false;
            foreach (var d in Done)
                if (d < last) return false;
            return true;
        }
    }

    /// <summary>Steps every layer has completed.</summary>
    public long StepsDone
    {
        get
        {
            var min = Math.Min(MinDone, LastWindow);
            return min < 0 ? 0 : _plan.StartOf(min) + _plan.StepsIn(min);
        }
    }
}
