namespace EventSpike.Neurons.Series;

/// <summary>
/// A channel slice <c>start:stop:step</c> for indexing a <see cref="TSContinuous"/>. As Rockpool does,
/// the channels <c>start, start+|step|, …</c> below <c>stop</c> are taken and reversed when the step is
/// negative: on 4 channels <c>1::-2</c> gives [3, 1]. Negative bounds count from the end.
/// </summary>
public readonly record struct ChannelSlice(int? Start = null, int? Stop = null, int Step = 1)
{
    /// <summary>The channel indices this slice selects among <paramref name="count"/> channels.</summary>
    public int[] Resolve(int count)
    {
        if (Step == 0) throw new ArgumentException("slice step cannot be zero");
        var a = Clamp(Start ?? 0, count);
        var b = Clamp(Stop ?? count, count);
        var step = Math.Abs(Step);
        var list = new List<int>();
        for (var i = a; i < b; i += step) list.Add(i);
        if (Step < 0) list.Reverse();
        return list.ToArray();
    }

    private static int Clamp(int i, int count) => Math.Clamp(i < 0 ? i + count : i, 0, count);
}
