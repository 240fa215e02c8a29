namespace EventSpike.Benchmarks.RingScatter;

/// <summary>
/// The long-delay side of a capped ring: per arrival step (mod 64, more than any PD14 delay) a growable list of
/// (target, weight) pairs, appended in delivery order and added into the ring's row just before the row is read.
/// Integer sums, so the row holds the same number whichever order its entries arrive in (exact).
/// </summary>
internal sealed class OverflowLists
{
    public const int Mask = 63;
    private readonly long[][] _entries = Enumerable.Range(0, Mask + 1).Select(_ => new long[4096]).ToArray();
    private readonly int[] _count = new int[Mask + 1];

    public void Add(int list, int target, int weight)
    {
        var k = _count[list]++;
        if (k == _entries[list].Length) Array.Resize(ref _entries[list], 2 * k);
        _entries[list][k] = ((long)target << 32) | (uint)weight;
    }

    public void Drain(int list, Span<int> row)
    {
        var entries = _entries[list];
        for (var i = 0; i < _count[list]; i++) row[(int)(entries[i] >> 32)] += (int)entries[i];
        _count[list] = 0;
    }
}
