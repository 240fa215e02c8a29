using System.IO.Compression;
using EventSpike.Neurons.Numpy;
using Xunit;

namespace EventSpike.Neurons.Tests.TimeSeries;

public class NpzLimitsTests
{
    /// <summary>An .npz with one deflated entry "times.npy": a float64 header of <paramref name="items"/> items, then <paramref name="dataBytes"/> zero bytes.</summary>
    private static MemoryStream Archive(int items, long dataBytes)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var s = zip.CreateEntry("times.npy", CompressionLevel.Optimal).Open())
        {
            Npy.WriteHeader(s, "<f8", [items]);
            s.Write(new byte[dataBytes]);
        }
        ms.Position = 0;
        return ms;
    }

    [Fact]
    public void An_entry_that_declares_more_than_the_cap_is_refused_naming_it()
    {
        var e = Assert.Throws<NpyFormatException>(() => Npz.Read(Archive(1 << 20, 8 << 20), "bomb.npz", maxEntryBytes: 1 << 20));
        Assert.Equal("times", e.Key);
        Assert.Contains("GiB", e.Message);
    }

    [Fact]
    public void A_header_whose_shape_exceeds_the_entry_is_refused_before_allocating()
    {
        // The header claims 2^28 doubles (2 GiB); the entry holds 80 bytes of data.
        var e = Assert.Throws<NpyFormatException>(() => Npz.Read(Archive(1 << 28, 80), "lie.npz"));
        Assert.Equal("times", e.Key);
        Assert.Contains("more than", e.Message);
    }

    [Fact]
    public void A_good_entry_is_read_streaming_with_its_crc_checked()
    {
        var arrays = Npz.Read(Archive(10, 80), "ok.npz");
        Assert.Equal(new double[10], (double[])arrays["times"].Data);
    }
}
