using EventSpike.Hardware.Sensors;
using EventSpike.Hardware.Streaming;
using EventSpike.Hardware.Tests.Sensors;
using Xunit;

namespace EventSpike.Hardware.Tests;

/// <summary>iniVation's AEDAT4 network framing through the stream's framing and the file reader's packet decoder.</summary>
public class Aedat4StreamTests
{
    [SkippableFact]
    public void The_packets_of_a_recording_sent_as_a_network_stream_give_the_recording_s_events()
    {
        var path = Recordings.Path("sample.aedat4");
        // A DV network stream is the file without its "#!AER-DAT4.0\r\n" line and its data table: uint32 N, the IOHeader, the packets.
        var table = Aedat4DataTable.Read(path);
        var bytes = File.ReadAllBytes(path);
        var end = (int)table.Max(e => e.ByteOffset + e.Size);
        using var stream = new MemoryStream(bytes, 14, end - 14);
        var length = new byte[4];
        stream.ReadExactly(length);
        var compression = Aedat4Framing.ReadHeader(stream, BitConverter.ToUInt32(length), "test stream");
        Assert.Equal((int)Aedat4Compression.Lz4, compression);
        var previous = Aedat4Framing.Decoder;
        Aedat4Framing.Decoder = new Aedat4StreamDecoder("test stream");
        var events = new List<SensorEvent>();
        try
        {
            var head = new byte[8];
            while (Aedat4Framing.ReadPacket(stream, compression, head, events, "test stream"))
            {
            }
        }
        finally
        {
            Aedat4Framing.Decoder = previous;
        }
        var expected = new List<SensorEvent>();
        using (var reader = new Aedat4Format().Open(File.OpenRead(path), path))
        {
            var buffer = new SensorEvent[4096];
            for (int n; (n = reader.Read(buffer)) > 0;) expected.AddRange(buffer.AsSpan(0, n).ToArray());
        }
        Assert.True(expected.Count > 1000);
        Assert.Equal(expected, events);
    }
}
