using System.Diagnostics;
using System.Text;
using EventSpike.Hardware.Sensors;
using Xunit;
using Xunit.Abstractions;

namespace EventSpike.Hardware.Tests.Sensors;

/// <summary>
/// Every reader fed mutated real files (small bases: whole small recordings, the first packets or words of the big
/// ones, synthetic AEDAT 2/3.1): byte flips, overwritten 32-bit words, truncations, insertions and deletions, seeded.
/// Only clean results or <see cref="SensorFormatException"/> may come out; no case may hang or allocate without bound.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int Cases = 10_000;

    public static TheoryData<string> Formats => ["EVT2", "EVT3", "AEDAT4", "DAT", "NMNIST", "AEDAT2", "AEDAT3"];

    [SkippableTheory]
    [MemberData(nameof(Formats))]
    public void MutatedFilesGiveCleanResultsOrSensorFormatExceptions(string name)
    {
        var (format, baseFile) = Base(name);
        SyntheticFiles.ReadAll(format, baseFile);
        var random = new Random(20261125 + name.GetHashCode(StringComparison.Ordinal) % 1000);
        var buffer = new SensorEvent[512];
        var clock = Stopwatch.StartNew();
        int errors = 0;
        for (var i = 0; i < Cases; i++)
        {
            var bytes = Mutate(baseFile, random);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = clock.Elapsed;
            try
            {
                using var reader = format.Open(new MemoryStream(bytes, false), $"case{i}");
                while (reader.Read(buffer) > 0) { }
                _ = reader.Info;
            }
            catch (SensorFormatException)
            {
                errors++;
            }
            Assert.True(clock.Elapsed - started < TimeSpan.FromSeconds(5), $"{name} case {i} took {clock.Elapsed - started}");
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 300L << 20, $"{name} case {i} allocated without bound");
        }
        output.WriteLine($"{name}: {Cases} cases on a {baseFile.Length}-byte base, {errors} located errors, {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static byte[] Mutate(byte[] file, Random random)
    {
        var bytes = file.ToArray();
        switch (random.Next(6))
        {
            case 0:
                for (var k = random.Next(1, 5); k > 0; k--) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1:
                BitConverter.GetBytes(random.Next(5) == 0 ? -1 : random.Next()).CopyTo(bytes, random.Next(bytes.Length - 4));
                return bytes;
            case 2:
                return bytes[..random.Next(bytes.Length)];
            case 3:
                var at = random.Next(bytes.Length);
                var extra = new byte[random.Next(1, 9)];
                random.NextBytes(extra);
                return [.. bytes[..at], .. extra, .. bytes[at..]];
            case 4:
                var from = random.Next(bytes.Length);
                return [.. bytes[..from], .. bytes[Math.Min(bytes.Length, from + random.Next(1, 64))..]];
            default:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                bytes[random.Next(Math.Min(bytes.Length, 600))] = (byte)random.Next(256);
                return bytes;
        }
    }

    /// <summary>A small valid file of the format to mutate.</summary>
    private static (IEventFormat, byte[]) Base(string name) => name switch
    {
        "EVT2" => (new Evt2Format(), Prefix(Recordings.Path("evt2_sample.raw"), 164 + 12_000)),
        "EVT3" => (new Evt3Format(), Prefix(Recordings.Path("evt3_sample.raw"), 166 + 12_000)),
        "AEDAT4" => (new Aedat4Format(), Aedat4Base()),
        "DAT" => (new DatFormat(), Prefix(Recordings.Path("sample_ncars.dat"), 93 + 8 * 1000)),
        "NMNIST" => (new NmnistFormat(), Prefix(Recordings.Path("sample_nmnist.bin"), 5 * 2000)),
        "AEDAT2" => (new Aedat2Format(), SyntheticFiles.Aedat2("eu.seebetter.ini.chips.davis.DAVIS346red",
            SyntheticFiles.Events(1500, 346, 260, 0, 5).Select(e => (((uint)e.Y << 22) | ((uint)e.X << 12) | (e.Polarity ? 0x800u : 0), (int)e.TimestampUs)))),
        _ => (new Aedat31Format(), SyntheticFiles.Aedat31(
            SyntheticFiles.Aedat31Packet(1, 0, SyntheticFiles.Events(600, 128, 128, 0, 6).Select(e => (SyntheticFiles.Polarity(e.X, e.Y, e.Polarity), (int)e.TimestampUs)).ToArray()),
            SyntheticFiles.Aedat31Packet(0, 0, (3u, 40_000)),
            SyntheticFiles.Aedat31Packet(1, 0, SyntheticFiles.Events(600, 128, 128, 40_000, 7).Select(e => (SyntheticFiles.Polarity(e.X, e.Y, e.Polarity), (int)e.TimestampUs)).ToArray()))),
    };

    private static byte[] Prefix(string path, int length) => File.ReadAllBytes(path)[..length];

    /// <summary>The real sample's first packets (LZ4, events and IMU) behind an IOHeader with no data table.</summary>
    private static byte[] Aedat4Base()
    {
        var path = Recordings.Path("sample.aedat4");
        var file = File.ReadAllBytes(path);
        var table = Aedat4DataTable.Read(path);
        var start = (int)table[0].ByteOffset - 8;
        var end = (int)(table[6].ByteOffset + table[6].Size);
        var xml = "<dv version=\"2.0\"><node name=\"outInfo\"><node name=\"0\"><attr key=\"typeIdentifier\" type=\"string\">EVTS</attr><node name=\"info\">" +
                  "<attr key=\"sizeX\" type=\"int\">320</attr><attr key=\"sizeY\" type=\"int\">240</attr></node></node>" +
                  "<node name=\"2\"><attr key=\"typeIdentifier\" type=\"string\">IMUS</attr></node></node></dv>";
        var header = SyntheticFiles.IoHeader(Aedat4Compression.Lz4, xml);
        return [.. Encoding.ASCII.GetBytes("#!AER-DAT4.0\r\n"), .. BitConverter.GetBytes(header.Length), .. header, .. file[start..end]];
    }
}
