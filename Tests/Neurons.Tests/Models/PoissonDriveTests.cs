using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Neurons.Tests.Models;

/// <summary>
/// The drive's vector path (<see cref="PoissonDrive.AddDriven"/>: four streams at once, counts by integer comparisons)
/// against one draw at a time (<see cref="PoissonDrive.Draw"/>, double comparisons): the same counts, sums and streams.
/// </summary>
public class PoissonDriveTests
{
    [Theory]
    [InlineData(new[] { 1024, 1024, 1024, 1024 })]
    [InlineData(new[] { 1024, 7, 0, 513 })]
    [InlineData(new[] { 3, 0, 0, 0 })]
    public void Four_streams_at_once_give_each_stream_its_own_draws_and_end_state(int[] counts) =>
        AssertEachStreamsOwnDraws(counts, Xoshiro256StarStar.FillBits4);

    [SkippableTheory]
    [InlineData(new[] { 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024 })]
    [InlineData(new[] { 1024, 7, 0, 513, 1024, 9, 1016, 1 })]
    [InlineData(new[] { 3, 0, 0, 0, 0, 0, 0, 8 })]
    public void Eight_streams_at_once_give_each_stream_its_own_draws_and_end_state(int[] counts)
    {
        Skip.IfNot(Xoshiro256StarStar.EightLanes, "this CPU does not run AVX-512: FillBits8 falls back to one stream at a time here");
        AssertEachStreamsOwnDraws(counts, Xoshiro256StarStar.FillBits8);
    }

    private delegate void FillLanes(ReadOnlySpan<Xoshiro256StarStar> lanes, ReadOnlySpan<int> counts, Span<long> into, int stride);

    /// <summary>Lane l's draws i &lt; counts[l] are its stream's drawn one at a time, and the stream ends where those draws leave it.</summary>
    private static void AssertEachStreamsOwnDraws(int[] counts, FillLanes fill)
    {
        Xoshiro256StarStar[] Streams() => Enumerable.Range(0, counts.Length).Select(l => new Xoshiro256StarStar((ulong)(17 + l))).ToArray();
        var lanes = Streams();
        var into = new long[counts.Length * 1024];
        fill(lanes, counts, into, 1024);
        var reference = Streams();
        for (var l = 0; l < counts.Length; l++)
        {
            for (var i = 0; i < counts[l]; i++) Assert.Equal((long)(reference[l].NextUInt64() >> 11), into[l * 1024 + i]);
            Assert.Equal(reference[l].GetState(), lanes[l].GetState());
        }
    }

    [Theory]
    [InlineData(3000.0, 0, 5000)] // λ = 0.3: a table of fewer than eight entries
    [InlineData(23200.0, 0, 5000)] // λ = 2.32 (PD14's L6E)
    [InlineData(60000.0, 100, 4321)] // λ = 6: many counts beyond the first eight entries; a range off the block bounds
    [InlineData(12800.0, 0, 10000, 10000)] // λ = 1.28 (PD14's L23E): ten blocks, a group of eight lanes and one of two
    [InlineData(20000.0, 700, 9999, 10000)] // λ = 2 (Brunel's drive): both groups start and end off the block bounds
    public void Driven_inputs_are_the_one_at_a_time_counts_bit_for_bit(double rate, int from, int to, int size = 5000)
    {
        const double dt = 1e-4;
        const double weight = 0.0035123;
        Func<int, Xoshiro256StarStar> streams = b => StreamSeed.Generator(7, $"drive-test:{b}");
        var drive = new PoissonDrive(size, rate, dt, streams);
        var reference = new PoissonDrive(size, rate, dt, streams);
        var exc = Enumerable.Range(0, size).Select(j => 1e-3 * Math.Sin(j)).ToArray();
        var beyond = 0;
        for (var step = 0; step < 3; step++)
        {
            var driven = new double[size];
            drive.AddDriven(exc, driven, weight, from, to);
            for (var j = from; j < to; j++)
            {
                var k = reference.Draw(reference.Stream(j / InitialPotentials.BlockSize));
                if (k >= 8) beyond++;
                Assert.Equal(exc[j] + k * weight, driven[j]);
            }
            Assert.All(driven[..from].Concat(driven[to..]), v => Assert.Equal(0.0, v));
        }
        Assert.Equal(reference.GetState(), drive.GetState());
        if (rate > 50000) Assert.True(beyond > 100, $"only {beyond} counts of 8 or more");
    }
}
