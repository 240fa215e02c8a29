namespace EventSpike.Neurons.Random;

/// <summary>
/// Derives independent generator seeds from (network seed, stream name, shard), so that every
/// layer, connection and shard draws from its own stream whatever the thread, placement or node
/// count. Names are hashed with FNV-1a (stable across processes, unlike string.GetHashCode).
/// </summary>
public static class StreamSeed
{
    public static ulong Derive(ulong networkSeed, string stream, int shard = 0)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in stream)
        {
            h ^= ch;
            h *= 1099511628211UL;
        }
        var x = networkSeed ^ 0x9E3779B97F4A7C15UL;
        var a = SplitMix64(ref x);
        x = a ^ h;
        var b = SplitMix64(ref x);
        x = b ^ ((ulong)(uint)shard * 0xD1B54A32D192ED03UL);
        return SplitMix64(ref x);
    }

    /// <summary>A generator for the named stream.</summary>
    public static Xoshiro256StarStar Generator(ulong networkSeed, string stream, int shard = 0) =>
        new(Derive(networkSeed, stream, shard));

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014): advances <paramref name="state"/> and returns the next output.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
