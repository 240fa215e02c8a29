using System.Text;
using EventSpike.Hardware.Sensors;
using Xunit;

namespace EventSpike.Hardware.Tests.Sensors;

/// <summary>The layouts of reference/sensors.md §1 on files built byte by byte, and bad input turned into located errors.</summary>
public class SyntheticFormatTests
{
    [Fact]
    public void Dvs128AddressesFollowJaerMirroredXOnWhenBit0IsClearTopLeftY()
    {
        // raw x = 5 (bits 7..1), raw y = 10 (bits 14..8), bit 0 = 0 -> jAER: x = 127 - 5, ON; y from bottom-left to top-left.
        uint a = (10u << 8) | (5u << 1);
        var file = SyntheticFiles.Aedat2("ch.unizh.ini.jaer.chip.retina.DVS128", [(a, 100), (a | 1, 200), (0x8000, 250), (a, 300)]);
        var events = SyntheticFiles.ReadAll(new Aedat2Format(), file);
        Assert.Equal([new SensorEvent(100, 122, 117, true), new SensorEvent(200, 122, 117, false), new SensorEvent(300, 122, 117, true)], events);
    }

    [Fact]
    public void Aedat1RecordsAreSixBytesWithSixteenBitAddresses()
    {
        var file = SyntheticFiles.Aedat2(null, [((3u << 8) | (4u << 1), 7)], version1: true);
        using var reader = new Aedat2Format().Open(new MemoryStream(file), "x.aedat");
        var buffer = new SensorEvent[4];
        Assert.Equal(1, reader.Read(buffer));
        Assert.Equal(new SensorEvent(7, 123, 124, true), buffer[0]);
        Assert.Equal("AEDAT1", reader.Info.Format);
    }

    [Fact]
    public void DavisAddressesGiveTopLeftPixelsAndSkipApsImuAndExternalEvents()
    {
        uint Dvs(uint x, uint y, bool on) => (y << 22) | (x << 12) | (on ? 0x800u : 0);
        var file = SyntheticFiles.Aedat2("eu.seebetter.ini.chips.davis.DAVIS240C",
            [(Dvs(0, 0, true), 1), (0x8000_0000u | Dvs(3, 3, true), 2), (Dvs(3, 3, false) | 0x400, 3), (Dvs(239, 179, false), 4)]);
        var events = SyntheticFiles.ReadAll(new Aedat2Format(), file);
        Assert.Equal([new SensorEvent(1, 239, 179, true), new SensorEvent(4, 0, 0, false)], events);
    }

    [Fact]
    public void Aedat31ReadsPolarityPacketsSkipsOtherTypesAndInvalidEventsAndAppliesOverflow()
    {
        var file = SyntheticFiles.Aedat31(
            SyntheticFiles.Aedat31Packet(1, 0, (SyntheticFiles.Polarity(3, 4, true), 10), (SyntheticFiles.Polarity(5, 6, false) & ~1u, 11), (SyntheticFiles.Polarity(127, 127, false), 12)),
            SyntheticFiles.Aedat31Packet(3, 0, (1u, 13)),
            SyntheticFiles.Aedat31Packet(1, 1, (SyntheticFiles.Polarity(0, 1, true), 5)));
        using var reader = new Aedat31Format().Open(new MemoryStream(file), "g.aedat");
        var buffer = new SensorEvent[10];
        Assert.Equal(3, reader.Read(buffer));
        Assert.Equal([new SensorEvent(10, 3, 4, true), new SensorEvent(12, 127, 127, false), new SensorEvent((1L << 31) + 5, 0, 1, true)], buffer[..3]);
        Assert.Equal((128, 128), (reader.Info.Width, reader.Info.Height));
        Assert.Contains(reader.Info.Notes, n => n.Contains("event type 3"));
    }

    [Theory]
    [InlineData(Aedat4Compression.None)]
    [InlineData(Aedat4Compression.Lz4)]
    [InlineData(Aedat4Compression.Zstd)]
    public void Aedat4GivesBackTheEventsOfEveryPacketWhateverTheCompression(Aedat4Compression compression)
    {
        var a = SyntheticFiles.Events(500, 320, 240, 1_600_000_000_000_000, 1);
        var b = SyntheticFiles.Events(300, 320, 240, a[^1].TimestampUs + 10, 2);
        var file = SyntheticFiles.Aedat4(compression, a, b);
        Assert.Equal(a.Concat(b), SyntheticFiles.ReadAll(new Aedat4Format(), file, chunk: 7));
    }

    [Fact]
    public void TruncatedFilesNameTheByteOffset()
    {
        var file = SyntheticFiles.Aedat2("DVS128", [(2u, 1), (4u, 2)]);
        var e = Assert.Throws<SensorFormatException>(() => SyntheticFiles.ReadAll(new Aedat2Format(), file[..^3], "cut.aedat"));
        Assert.Contains($"cut.aedat: byte {file.Length - 8}", e.Message);
        var aedat4 = SyntheticFiles.Aedat4(Aedat4Compression.Lz4, SyntheticFiles.Events(100, 320, 240, 0, 3));
        e = Assert.Throws<SensorFormatException>(() => SyntheticFiles.ReadAll(new Aedat4Format(), aedat4[..^10], "cut.aedat4"));
        Assert.Contains("cut.aedat4: byte ", e.Message);
    }

    [Fact]
    public void CorruptedHeadersAreLocatedErrors()
    {
        var aedat4 = SyntheticFiles.Aedat4(Aedat4Compression.Lz4, SyntheticFiles.Events(10, 320, 240, 0, 4));
        aedat4[14] = aedat4[15] = aedat4[16] = aedat4[17] = 0;
        var e = Assert.Throws<SensorFormatException>(() => SyntheticFiles.ReadAll(new Aedat4Format(), aedat4, "h.aedat4"));
        Assert.Contains("h.aedat4: byte 14: IOHeader length 0", e.Message);
        var aedat3 = Encoding.ASCII.GetBytes("#!AER-DAT3.1\r\n#Format: RAW\r\n");
        e = Assert.Throws<SensorFormatException>(() => SyntheticFiles.ReadAll(new Aedat31Format(), aedat3, "h.aedat"));
        Assert.Contains("END-HEADER", e.Message);
    }

    [Fact]
    public void TimestampsGoingBackwardsAreLocatedErrorsButSmallJitterIsClampedAndCounted()
    {
        var back = SyntheticFiles.Aedat2("DVS128", [(2u, 2_000_000), (2u, 2_000_100), (2u, 1_000_000)]);
        var e = Assert.Throws<SensorFormatException>(() => SyntheticFiles.ReadAll(new Aedat2Format(), back, "b.aedat"));
        var headerEnd = back.Length - 24;
        Assert.Contains($"b.aedat: byte {headerEnd + 16}: timestamp 1000000", e.Message);

        var jitter = SyntheticFiles.Aedat2("DVS128", [(2u, 100), (2u, 90), (2u, 120)]);
        using var reader = new Aedat2Format().Open(new MemoryStream(jitter), "j.aedat");
        var buffer = new SensorEvent[3];
        reader.Read(buffer);
        Assert.Equal([100L, 100L, 120L], buffer.Select(x => x.TimestampUs));
        Assert.Contains(reader.Info.Notes, n => n.StartsWith("1 time stamps up to 10 µs"));
    }

    [Fact]
    public void UnknownEventTypesAreLocatedErrors()
    {
        var evt3 = Encoding.ASCII.GetBytes("% evt 3.0\n% geometry 1280x720\n").Concat(new byte[] { 0x01, 0x80, 0x00, 0x90 }).ToArray();
        var e = Assert.Throws<SensorFormatException>(() => SyntheticFiles.ReadAll(new Evt3Format(), evt3, "u.raw"));
        Assert.Contains($"u.raw: byte {evt3.Length - 2}: unknown EVT 3.0 word type 0x9", e.Message);
        var evt2 = Encoding.ASCII.GetBytes("% evt 2.0\n").Concat(new byte[] { 0, 0, 0, 0x30 }).ToArray();
        e = Assert.Throws<SensorFormatException>(() => SyntheticFiles.ReadAll(new Evt2Format(), evt2, "u2.raw"));
        Assert.Contains($"u2.raw: byte {evt2.Length - 4}: unknown EVT 2.0 word type 0x3", e.Message);
        var aedat3 = SyntheticFiles.Aedat31(SyntheticFiles.Aedat31Packet(99, 0, (1u, 1)));
        e = Assert.Throws<SensorFormatException>(() => SyntheticFiles.ReadAll(new Aedat31Format(), aedat3, "u3.aedat"));
        Assert.Contains($"u3.aedat: byte {aedat3.Length - 36}: unknown event type 99", e.Message);
    }

    [Fact]
    public void Evt3VectorsEmitOneEventPerMaskBitAndTimeHighLoopsPast24Bits()
    {
        ushort W(int type, int payload) => (ushort)((type << 12) | payload);
        ushort[] words = [W(0x8, 0xFFF), W(0x6, 5), W(0x0, 7), W(0x3, 0x800 | 100), W(0x4, 0b1000_0000_0101), W(0x5, 0b1), W(0x8, 0x001), W(0x6, 0), W(0x2, 3)];
        var file = Encoding.ASCII.GetBytes("% evt 3.0\n% format EVT3;height=720;width=1280\n").Concat(words.SelectMany(BitConverter.GetBytes)).ToArray();
        var events = SyntheticFiles.ReadAll(new Evt3Format(), file, chunk: 1);
        long t1 = 0xFFFL << 12 | 5, t2 = (1L << 24) + (1 << 12);
        Assert.Equal([new SensorEvent(t1, 100, 7, true), new SensorEvent(t1, 102, 7, true), new SensorEvent(t1, 111, 7, true),
            new SensorEvent(t1, 112, 7, true), new SensorEvent(t2, 3, 7, false)], events);
    }
}
