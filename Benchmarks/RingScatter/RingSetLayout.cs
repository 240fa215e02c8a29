namespace EventSpike.Benchmarks.RingScatter;

/// <summary>
/// How the delay rings of the 8 PD14 layers are laid out. <paramref name="Merged"/>: one ring per layer (E and I ports
/// summed into one, possible when τ_syn,ex = τ_syn,in) instead of one per port. <paramref name="Cap"/>: rows hold delays
/// up to that many steps and longer ones go to a per-arrival-step overflow list (null: every delay in the ring).
/// <paramref name="RowScale"/> pads the rows (a larger working set than today's, for the curve only).
/// Rows = longest delay held + 2 (the engine's two-window horizon for connections from another layer).
/// <paramref name="Floor"/>: every delay taken as 0 and one row per ring (0.3–0.6 MB, L2-resident): the same loop and
/// table traffic with (almost) no ring-cell misses, i.e. what no ring layout can go below.
/// </summary>
internal sealed record RingSetLayout(string Name, bool Merged, int? Cap, double RowScale = 1, bool Floor = false)
{
    public int RingCount => Merged ? RingScatterWorkload.Widths.Length : RingScatterWorkload.Ports;

    public int RingOf(int port) => Merged ? RingScatterWorkload.LayerOf(port) : port;

    public int Width(int ring) => RingScatterWorkload.Widths[Merged ? ring : RingScatterWorkload.LayerOf(ring)];

    public int Rows(int ring)
    {
        if (Floor) return 1;
        var longest = Merged || RingScatterWorkload.IsExc(ring) ? RingScatterDelays.MaxExc : RingScatterDelays.MaxInh;
        if (Cap is { } cap) longest = Math.Min(longest, cap);
        return (int)Math.Round((longest + 2) * RowScale);
    }

    public double Megabytes => Enumerable.Range(0, RingCount).Sum(r => 4.0 * Rows(r) * Width(r)) / 1e6;

    /// <summary>Today's layout (16 rings, every delay), one padded to ≈ 48 MB, merged rings, and caps of 12–40 steps, cap 1 (the
    /// rings only rows the lists are drained into: bucketing by arrival step), and the two floors.</summary>
    public static IReadOnlyList<RingSetLayout> All() =>
    [
        new("split 16 rings, padded", false, null, 1.64),
        new("split 16 rings (today)", false, null),
        new("split, cap 40", false, 40),
        new("split, cap 32", false, 32),
        new("split, cap 24", false, 24),
        new("split, cap 16", false, 16),
        new("merged 8 rings", true, null),
        new("merged, cap 40", true, 40),
        new("merged, cap 32", true, 32),
        new("merged, cap 24", true, 24),
        new("merged, cap 16", true, 16),
        new("merged, cap 12", true, 12),
        new("split, cap 1 (every event to the lists)", false, 1),
        new("merged, cap 1 (every event to the lists)", true, 1),
        new("floor: split, 1 row, delays 0", false, null, Floor: true),
        new("floor: merged, 1 row, delays 0", true, null, Floor: true),
    ];
}
