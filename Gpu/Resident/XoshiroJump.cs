namespace EventSpike.Gpu.Resident;

/// <summary>
/// xoshiro256**'s state update is linear over GF(2) on its 256 state bits, so advancing a state by k draws is one
/// 256×256 bit matrix, Mᵏ (built by squaring). Matrices are 256 columns of four words: column i is the image of state
/// bit i (word i / 64, bit i % 64). The device-resident drive uses them to let several threads draw one block's
/// stream in the CPU's order: a thread serving draws [o, o + n) of each step's B starts at Mᵒ·s and jumps by M^(B − n).
/// </summary>
internal static class XoshiroJump
{
    /// <summary>The state after one draw (the generator's update; its output is not needed here).</summary>
    public static void Next(Span<ulong> s)
    {
        var t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = (s[3] << 45) | (s[3] >> 19);
    }

    /// <summary>M^<paramref name="k"/> as 1,024 words (256 columns × 4).</summary>
    public static ulong[] Power(int k)
    {
        var result = Identity();
        var square = new ulong[1024];
        for (var i = 0; i < 256; i++)
        {
            var column = square.AsSpan(4 * i, 4);
            column[i / 64] = 1UL << (i % 64);
            Next(column);
        }
        for (; k > 0; k >>= 1)
        {
            if ((k & 1) != 0) result = Multiply(square, result);
            square = Multiply(square, square);
        }
        return result;
    }

    /// <summary><paramref name="m"/>·<paramref name="state"/> (four words).</summary>
    public static ulong[] Apply(ulong[] m, ReadOnlySpan<ulong> state)
    {
        var r = new ulong[4];
        for (var i = 0; i < 256; i++)
            if (((state[i / 64] >> (i % 64)) & 1) != 0)
                for (var w = 0; w < 4; w++) r[w] ^= m[4 * i + w];
        return r;
    }

    private static ulong[] Identity()
    {
        var m = new ulong[1024];
        for (var i = 0; i < 256; i++) m[4 * i + i / 64] = 1UL << (i % 64);
        return m;
    }

    /// <summary>a·b: each column of b mapped by a.</summary>
    private static ulong[] Multiply(ulong[] a, ulong[] b)
    {
        var r = new ulong[1024];
        for (var i = 0; i < 256; i++) Apply(a, b.AsSpan(4 * i, 4)).CopyTo(r, 4 * i);
        return r;
    }
}
