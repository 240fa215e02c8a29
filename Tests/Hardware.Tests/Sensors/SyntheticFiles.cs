using System.Buffers.Binary;
using System.Text;
using EventSpike.Hardware.Sensors;
using Google.FlatBuffers;

namespace EventSpike.Hardware.Tests.Sensors;

/// <summary>
/// Recordings built byte by byte from reference/sensors.md for formats with no real sample here (AEDAT 1.0/2.0
/// with events, AEDAT 3.1, AEDAT 4.0 with Zstd or no compression), and small real-data bases for fuzzing.
/// </summary>
public static class SyntheticFiles
{
    /// <summary>AEDAT 2.0 (or 1.0 with 16-bit addresses): header naming <paramref name="chip"/>, then big-endian (address, t) records.</summary>
    public static byte[] Aedat2(string? chip, IEnumerable<(uint Address, int T)> records, bool version1 = false)
    {
        var s = new MemoryStream();
        var header = (version1 ? "#!AER-DAT1.0\r\n" : "#!AER-DAT2.0\r\n") + (chip is null ? "" : $"# AEChip: {chip}\r\n") + "#End Of ASCII Header\r\n";
        s.Write(Encoding.ASCII.GetBytes(header));
        Span<byte> r = stackalloc byte[8];
        foreach (var (a, t) in records)
        {
            if (version1) BinaryPrimitives.WriteUInt16BigEndian(r, (ushort)a);
            else BinaryPrimitives.WriteUInt32BigEndian(r, a);
            var size = version1 ? 2 : 4;
            BinaryPrimitives.WriteInt32BigEndian(r[size..], t);
            s.Write(r[..(size + 4)]);
        }
        return s.ToArray();
    }

    /// <summary>An AEDAT 3.1 file from a DVS128: the header, then the given packets.</summary>
    public static byte[] Aedat31(params byte[][] packets)
    {
        var s = new MemoryStream();
        s.Write("#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n#Start-Time: 2020-01-01 00:00:00 (TZ+0000)\r\n#!END-HEADER\r\n"u8);
        foreach (var p in packets) s.Write(p);
        return s.ToArray();
    }

    /// <summary>One AEDAT 3.1 packet of 8-byte events (data word, timestamp), all counted valid.</summary>
    public static byte[] Aedat31Packet(short type, int overflow, params (uint Data, int T)[] events)
    {
        var p = new byte[28 + 8 * events.Length];
        BinaryPrimitives.WriteInt16LittleEndian(p, type);
        BinaryPrimitives.WriteInt16LittleEndian(p.AsSpan(2), 1);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(4), 8);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(8), 4);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(12), overflow);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(16), events.Length);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(20), events.Length);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(24), events.Length);
        for (var i = 0; i < events.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(p.AsSpan(28 + 8 * i), events[i].Data);
            BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(32 + 8 * i), events[i].T);
        }
        return p;
    }

    /// <summary>AEDAT 3.1 polarity data word: valid, polarity bit 1, y bits 16–2, x bits 31–17.</summary>
    public static uint Polarity(int x, int y, bool on) => ((uint)x << 17) | ((uint)y << 2) | (on ? 2u : 0u) | 1u;

    /// <summary>An AEDAT 4.0 file: IOHeader (no data table) declaring stream 0 as EVTS of 320×240, then one packet per event list.</summary>
    public static byte[] Aedat4(Aedat4Compression compression, params SensorEvent[][] packets)
    {
        var s = new MemoryStream();
        s.Write("#!AER-DAT4.0\r\n"u8);
        var header = IoHeader(compression, "<dv version=\"2.0\"><node name=\"outInfo\"><node name=\"0\"><attr key=\"typeIdentifier\" type=\"string\">EVTS</attr>" +
                                           "<node name=\"info\"><attr key=\"sizeX\" type=\"int\">320</attr><attr key=\"sizeY\" type=\"int\">240</attr></node></node></node></dv>");
        s.Write(BitConverter.GetBytes(header.Length));
        s.Write(header);
        foreach (var events in packets)
        {
            var body = Compress(compression, EventPacket(events));
            s.Write(BitConverter.GetBytes(0));
            s.Write(BitConverter.GetBytes(body.Length));
            s.Write(body);
        }
        return s.ToArray();
    }

    /// <summary>An IOHeader FlatBuffer (identifier IOHE, not size-prefixed) with no data table.</summary>
    public static byte[] IoHeader(Aedat4Compression compression, string xml)
    {
        var b = new FlatBufferBuilder(256) { ForceDefaults = true };
        var info = b.CreateString(xml);
        b.StartTable(3);
        b.AddLong(1, -1, 0);
        b.AddOffset(2, info.Value, 0);
        b.AddInt(0, (int)compression, -1);
        var root = b.EndTable();
        b.Finish(root, "IOHE");
        return b.SizedByteArray();
    }

    /// <summary>A size-prefixed EVTS FlatBuffer: field 0 a vector of 16-byte Event structs.</summary>
    public static byte[] EventPacket(SensorEvent[] events)
    {
        var b = new FlatBufferBuilder(64 + 16 * events.Length);
        b.StartVector(16, events.Length, 8);
        for (var i = events.Length - 1; i >= 0; i--)
        {
            b.Prep(8, 16);
            b.Pad(3);
            b.PutBool(events[i].Polarity);
            b.PutShort((short)events[i].Y);
            b.PutShort((short)events[i].X);
            b.PutLong(events[i].TimestampUs);
        }
        var vector = b.EndVector();
        b.StartTable(1);
        b.AddOffset(0, vector.Value, 0);
        b.FinishSizePrefixed(b.EndTable(), "EVTS");
        return b.SizedByteArray();
    }

    private static byte[] Compress(Aedat4Compression compression, byte[] data) => compression switch
    {
        Aedat4Compression.None => data,
        Aedat4Compression.Zstd or Aedat4Compression.ZstdHigh => new ZstdSharp.Compressor(3).Wrap(data).ToArray(),
        _ => K4os.Compression.LZ4.Streams.LZ4Frame.Encode(data.AsSpan(), new System.Buffers.ArrayBufferWriter<byte>(), K4os.Compression.LZ4.LZ4Level.L00_FAST, 0).WrittenSpan.ToArray(),
    };

    /// <summary>Random but ordered events on a <paramref name="w"/>×<paramref name="h"/> sensor.</summary>
    public static SensorEvent[] Events(int count, int w, int h, long t0, int seed)
    {
        var random = new Random(seed);
        var t = t0;
        return Enumerable.Range(0, count)
            .Select(_ => new SensorEvent(t += random.Next(0, 50), (ushort)random.Next(w), (ushort)random.Next(h), random.Next(2) == 1)).ToArray();
    }

    /// <summary>Reads <paramref name="bytes"/> whole with <paramref name="format"/>, as <paramref name="name"/>.</summary>
    public static List<SensorEvent> ReadAll(IEventFormat format, byte[] bytes, string name = "test", int chunk = 4096)
    {
        using var reader = format.Open(new MemoryStream(bytes), name);
        var all = new List<SensorEvent>();
        var buffer = new SensorEvent[chunk];
        int n;
        while ((n = reader.Read(buffer)) > 0) all.AddRange(buffer.AsSpan(0, n));
        return all;
    }
}
