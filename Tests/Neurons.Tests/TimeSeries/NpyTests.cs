using System.IO.Compression;
using System.Text;
using EventSpike.Neurons.Numpy;
using Xunit;

namespace EventSpike.Neurons.Tests.Series;

public class NpyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("npy-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static byte[] Bytes(NpyArray a)
    {
        using var ms = new MemoryStream();
        Npy.Write(ms, a);
        return ms.ToArray();
    }

    private static NpyArray RoundTrip(NpyArray a) => Npy.Read(new MemoryStream(Bytes(a)));

    [Fact]
    public void Header_is_numpy_v1_padded_to_64_bytes()
    {
        var b = Bytes(NpyArray.Of([1.0, 2, 3]));
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, b[..8]);
        var headerLen = b[8] | (b[9] << 8);
        Assert.Equal(0, (10 + headerLen) % 64);
        Assert.Equal(128, 10 + headerLen); // where numpy.save starts the data of this array
        var header = Encoding.Latin1.GetString(b, 10, headerLen);
        Assert.StartsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(128 + 24, b.Length);
        Assert.Equal(2.0, BitConverter.ToDouble(b, 136));
        Assert.Contains("'shape': (), }", Encoding.Latin1.GetString(Bytes(NpyArray.Scalar(1.5))));
        Assert.Contains("'shape': (2, 3), }", Encoding.Latin1.GetString(Bytes(NpyArray.Of(new double[6], 2, 3))));
    }

    [Fact]
    public void Every_dtype_round_trips()
    {
        var d = RoundTrip(NpyArray.Of([1.5, double.NaN, double.NegativeInfinity, -0.0], 2, 2));
        Assert.Equal("<f8", d.Descr);
        Assert.Equal([2, 2], d.Shape);
        Assert.Equal([1.5, double.NaN, double.NegativeInfinity, -0.0], (double[])d.Data);
        Assert.True(double.IsNegative(((double[])d.Data)[3]));
        Assert.Equal([1.25f, -2f], (float[])RoundTrip(NpyArray.Of([1.25f, -2f])).Data);
        Assert.Equal([long.MinValue, 7L], (long[])RoundTrip(NpyArray.Of([long.MinValue, 7L])).Data);
        Assert.Equal([int.MaxValue, -3], (int[])RoundTrip(NpyArray.Of([int.MaxValue, -3])).Data);
        Assert.Equal([true, false, true], (bool[])RoundTrip(NpyArray.Of([true, false, true])).Data);
        var s = RoundTrip(NpyArray.Of(["a", "héllo", "😀x", ""]));
        Assert.Equal("<U5", s.Descr);
        Assert.Equal(["a", "héllo", "😀x", ""], (string[])s.Data);
        Assert.Equal("TSEvent", RoundTrip(NpyArray.Scalar("TSEvent")).ScalarString());
        Assert.Equal("<U7", NpyArray.Scalar("TSEvent").Descr);
        Assert.True(RoundTrip(NpyArray.Scalar(true)).ScalarBool());
        Assert.Equal(-4, RoundTrip(NpyArray.Scalar(-4L)).ScalarInt64());
        var scalar = RoundTrip(NpyArray.Scalar(2.5));
        Assert.True(scalar.IsScalar);
        Assert.Equal(2.5, scalar.ScalarDouble());
        var empty = RoundTrip(NpyArray.Of(Array.Empty<double>(), 0, 3));
        Assert.Equal([0, 3], empty.Shape);
        Assert.Equal(0, empty.Count);
    }

    private static byte[] Handmade(string dict, byte[] data, byte major = 1)
    {
        var header = Encoding.Latin1.GetBytes(dict + "\n");
        using var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0]);
        if (major == 1) ms.Write(BitConverter.GetBytes((ushort)header.Length));
        else ms.Write(BitConverter.GetBytes((uint)header.Length));
        ms.Write(header);
        ms.Write(data);
        return ms.ToArray();
    }

    [Fact]
    public void Reads_other_widths_strings_and_versions()
    {
        var u2 = Npy.Read(new MemoryStream(Handmade("{'descr': '<u2', 'fortran_order': False, 'shape': (2,), }", [1, 0, 0xff, 0xff])));
        Assert.Equal([1L, 65535L], (long[])u2.Data);
        var s = Npy.Read(new MemoryStream(Handmade("{'descr': '|S3', 'fortran_order': False, 'shape': (), }", "ab\0"u8.ToArray())));
        Assert.Equal("ab", s.ScalarString());
        var f2 = Npy.Read(new MemoryStream(Handmade("{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }", [0x00, 0x3c])));
        Assert.Equal(1.0, f2.ScalarDouble());
        var v2 = Npy.Read(new MemoryStream(Handmade("{\"descr\": \"<i4\", \"fortran_order\": False, \"shape\": (1, ), }", [5, 0, 0, 0], 2)));
        Assert.Equal(5, v2.ScalarInt64());
        // A 1-D array flagged Fortran order has the same layout and is accepted.
        var f1 = Npy.Read(new MemoryStream(Handmade("{'descr': '<i8', 'fortran_order': True, 'shape': (1,), }", new byte[8])));
        Assert.Equal(0, f1.ScalarInt64());
    }

    [Theory]
    [InlineData("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", 16, "<c16")]
    [InlineData("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", 8, "big-endian")]
    [InlineData("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", 32, "Fortran")]
    [InlineData("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", 8, "structured")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 16, "truncated")]
    [InlineData("{'descr': '<f8', 'shape': (1,), }", 8, "lacks")]
    public void Bad_arrays_throw_naming_source_and_key(string dict, int dataBytes, string problem)
    {
        var e = Assert.Throws<NpyFormatException>(() =>
            Npy.Read(new MemoryStream(Handmade(dict, new byte[dataBytes])), "rec.npz", "times"));
        Assert.Contains(problem, e.Message);
        Assert.Contains("rec.npz", e.Message);
        Assert.Contains("'times'", e.Message);
        Assert.Equal("times", e.Key);
        Assert.Equal("rec.npz", e.FileName);
    }

    [Fact]
    public void Npz_round_trips_stored_and_deflated()
    {
        var arrays = new Dictionary<string, NpyArray>
        {
            ["times"] = NpyArray.Of([0.5, 1.5]),
            ["samples"] = NpyArray.Of([1.0, 2, 3, 4], 2, 2),
            ["name"] = NpyArray.Scalar("x"),
        };
        foreach (var compress in new[] { false, true })
        {
            var path = Path.Combine(_dir, $"a{compress}.npz");
            Npz.WriteFile(path, arrays, compress);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal("PK\u0003\u0004", Encoding.Latin1.GetString(bytes, 0, 4));
            Assert.Equal(compress ? 8 : 0, bytes[8] | (bytes[9] << 8)); // compression method of the first entry
            var back = Npz.ReadFile(path);
            Assert.Equal(["times", "samples", "name"], back.Keys);
            Assert.Equal([0.5, 1.5], back["times"].ToDoubleArray());
            Assert.Equal([2, 2], back["samples"].Shape);
            Assert.Equal("x", back["name"].ScalarString());
            using var zip = ZipFile.OpenRead(path);
            Assert.Equal(["times.npy", "samples.npy", "name.npy"], zip.Entries.Select(e => e.FullName));
        }
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Truncated_or_corrupt_npz_throws_naming_the_file()
    {
        var path = Path.Combine(_dir, "t.npz");
        Npz.WriteFile(path, [new("times", NpyArray.Of(new double[100]))]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<NpyFormatException>(() => Npz.ReadFile(path));
        Assert.Contains(path, e.Message);

        File.WriteAllBytes(path, "not a zip at all"u8.ToArray());
        Assert.Throws<NpyFormatException>(() => Npz.ReadFile(path));

        // An entry whose payload was damaged: the zip's CRC check fails on that key.
        var good = Path.Combine(_dir, "g.npz");
        Npz.WriteFile(good, [new("times", NpyArray.Of(new double[100]))]);
        var raw = File.ReadAllBytes(good);
        raw[200] ^= 0xff;
        File.WriteAllBytes(good, raw);
        var c = Assert.Throws<NpyFormatException>(() => Npz.ReadFile(good));
        Assert.Equal("times", c.Key);
        Assert.Contains(good, c.Message);

        Assert.Throws<NpyFormatException>(() => Npz.ReadFile(Path.Combine(_dir, "missing.npz")));
    }

    [Fact]
    public void Npz_with_an_unknown_dtype_names_the_key()
    {
        var path = Path.Combine(_dir, "u.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("samples.npy");
            using var s = entry.Open();
            s.Write(Handmade("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        }
        var e = Assert.Throws<NpyFormatException>(() => Npz.ReadFile(path));
        Assert.Equal("samples", e.Key);
        Assert.Contains("<c8", e.Message);
    }
}
