using System.Diagnostics;
using EventSpike.Neurons.Numpy;
using EventSpike.Neurons.Series;
using EventSpike.Routing.Network;
using EventSpike.Routing.Nir;
using Xunit;

namespace EventSpike.Host.Tests.Nir;

/// <summary>
/// The NIR and .npz readers on mutated real files: flipped bytes (most in the first 4 KiB, where the
/// HDF5 superblock, object headers and the zip headers lie), overwritten runs and truncations. Whatever
/// comes in, only the readers' own clean errors may come out (what the command line turns into exit 2).
/// </summary>
public class ReaderFuzzTests
{
    private const int Cases = 10_000;

    private static byte[] Mutate(byte[] original, Random rng)
    {
        var bytes = (byte[])original.Clone();
        switch (rng.Next(4))
        {
            case 0: // truncation
                return bytes[..rng.Next(bytes.Length)];
            case 1: // a run of one value
                var at = rng.Next(Math.Min(bytes.Length, 4096));
                var value = (byte)(rng.Next(2) == 0 ? 0xFF : rng.Next(256));
                for (var i = at; i < Math.Min(bytes.Length, at + rng.Next(1, 9)); i++) bytes[i] = value;
                return bytes;
            default: // a few flipped bytes
                for (var k = rng.Next(1, 6); k > 0; k--)
                {
                    var p = rng.Next(3) > 0 ? rng.Next(Math.Min(bytes.Length, 4096)) : rng.Next(bytes.Length);
                    bytes[p] ^= (byte)(1 << rng.Next(8));
                }
                return bytes;
        }
    }

    /// <summary>Runs <paramref name="check"/> on <see cref="Cases"/> mutations of the files, within a time limit; returns how many read cleanly.</summary>
    private static int Fuzz(byte[][] files, Action<byte[]> check, Func<Exception, bool> clean, int seed)
    {
        var rng = new Random(seed);
        var readable = 0;
        var watch = Stopwatch.StartNew();
        var task = Task.Run(() =>
        {
            for (var n = 0; n < Cases; n++)
            {
                var bytes = Mutate(files[n % files.Length], rng);
                try
                {
                    check(bytes);
                    readable++;
                }
                catch (Exception e) when (clean(e))
                {
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"case {n} (seed {seed}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
            }
        });
        // A hang, not slowness, is what this limit catches (10,000 cases take ~30 s on a loaded 2-core machine).
        Assert.True(task.Wait(TimeSpan.FromSeconds(120)), $"the cases did not finish in 120 s (a reader hangs?)");
        task.GetAwaiter().GetResult();
        Console.WriteLine($"{Cases} cases in {watch.Elapsed.TotalSeconds:0.0} s, {readable} read cleanly");
        return readable;
    }

    [SkippableFact]
    public void Mutated_NIR_files_give_only_clean_errors()
    {
        // The nested Braille graph (PureHDF takes longest over it) in one case of five, the two small LIF graphs in the others.
        var files = new[] { "lif_norse.nir", "two_lif_neurons.nir", "lif_norse.nir", "two_lif_neurons.nir", "braille_noDelay_noBias_subtract_subgraph.nir" }
            .Select(n => File.ReadAllBytes(NirData.Path(n))).ToArray();
        var converted = 0;
        var readable = Fuzz(files, bytes =>
        {
            var graph = NirFile.Read(bytes, "fuzz.nir");
            // The checks of shapes and fields on the first 1,000 graphs that read (converting costs more than reading).
            if (converted++ < 1000) NirConverter.ToNetwork(graph, new NirImportOptions(1e-3), "fuzz", "fuzz.nir");
        }, e => e is NirFormatException, 2024);
        Assert.InRange(readable, 1, Cases - 1); // some mutations leave a readable graph (data bytes), some do not
    }

    [Fact]
    public void Mutated_npz_series_give_only_clean_errors()
    {
        var dir = HostRunner.TempDir();
        var events = Path.Combine(dir, "events.npz");
        new TSEvent([0.001, 0.002, 0.0035, 0.004], [0, 2, 1, 2], false, 0, 0.01, "spikes", 3).Save(events);
        var samples = Path.Combine(dir, "samples.npz");
        new TSContinuous([0.0, 0.001, 0.002], new double[,] { { 0, 1 }, { 0.5, -1 }, { 1, 0 } }, name: "signal").Save(samples);
        var readable = Fuzz([File.ReadAllBytes(events), File.ReadAllBytes(samples)], bytes =>
        {
            using var stream = new MemoryStream(bytes, writable: false);
            TimeSeries.Load(stream, "fuzz.npz");
        }, e => e is NpyFormatException or IOException or ArgumentException or FormatException or InvalidDataException or NetworkSpecException, 7);
        Assert.InRange(readable, 1, Cases - 1);
    }
}
