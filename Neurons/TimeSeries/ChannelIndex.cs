namespace EventSpike.Neurons.Series;

/// <summary>
/// The channel part of a <see cref="TSContinuous"/> index: one channel, a list (in that order), a
/// <see cref="ChannelSlice"/> or a C# <see cref="System.Range"/>; the default is every channel.
/// Negative channel numbers count from the end, as in Python.
/// </summary>
public readonly struct ChannelIndex
{
    private readonly int[]? _list;
    private readonly ChannelSlice? _slice;
    private readonly Range? _range;

    private ChannelIndex(int[]? list, ChannelSlice? slice, Range? range)
    {
        _list = list;
        _slice = slice;
        _range = range;
    }

    /// <summary>Every channel.</summary>
    public static ChannelIndex All => default;

    public static implicit operator ChannelIndex(int channel) => new([channel], null, null);
    public static implicit operator ChannelIndex(int[] channels) => new((int[])channels.Clone(), null, null);
    public static implicit operator ChannelIndex(ChannelSlice slice) => new(null, slice, null);
    public static implicit operator ChannelIndex(Range range) => new(null, null, range);

    /// <summary>The selected channels among <paramref name="count"/>, or null for all of them.</summary>
    public int[]? Resolve(int count)
    {
        if (_list is not null) return _list.Select(c => SeriesMath.PyIndex(c, count, "channel")).ToArray();
        if (_slice is { } s) return s.Resolve(count);
        if (_range is { } r)
        {
            var (offset, length) = r.GetOffsetAndLength(count);
            return Enumerable.Range(offset, length).ToArray();
        }
        return null;
    }
}
