using Xunit;
using EventSpike.Hardware.Sensors;

namespace EventSpike.Hardware.Tests.Sensors;

/// <summary>Each real recording of shared/data/sensors read with what its README says a correct reader reports.</summary>
public class RealRecordingTests
{
    [SkippableFact]
    public void Evt2SampleGivesTheReadmeFigures()
    {
        var s = Recordings.Read(Recordings.Path("evt2_sample.raw"));
        Assert.Equal("EVT2", s.Info.Format);
        Assert.Equal((640, 480), (s.Info.Width, s.Info.Height));
        Assert.Equal(539_481, s.Count);
        Assert.Equal((1_317_888L, 1_367_888L), (s.TFirst, s.TLast));
        Assert.True(s.Monotonic);
        Assert.Equal((60, 599, 18, 475), (s.XMin, s.XMax, s.YMin, s.YMax));
        Assert.Equal((367_855L, 171_626L), (s.On, s.Off));
        Assert.Equal(new SensorEvent(1_317_888, 237, 121, true), s.First[0]);
        Assert.Equal(new SensorEvent(1_317_888, 246, 121, true), s.First[1]);
        Assert.Equal(new SensorEvent(1_367_888, 210, 142, true), s.Last);
    }

    [SkippableFact]
    public void NcarsDatGivesTheReadmeFigures()
    {
        var s = Recordings.Read(Recordings.Path("sample_ncars.dat"));
        Assert.Equal("DAT", s.Info.Format);
        Assert.Null(s.Info.Width);
        Assert.Equal(2_009, s.Count);
        Assert.Equal((0L, 99_952L), (s.TFirst, s.TLast));
        Assert.Equal((0, 77, 0, 41), (s.XMin, s.XMax, s.YMin, s.YMax));
        Assert.Equal(new SensorEvent(0, 25, 8, false), s.First[0]);
        Assert.Equal(new SensorEvent(35, 67, 35, false), s.First[1]);
        Assert.Equal(new SensorEvent(99_952, 75, 28, true), s.Last);
    }

    [SkippableFact]
    public void NmnistBinGivesTheReadmeFigures()
    {
        var s = Recordings.Read(Recordings.Path("sample_nmnist.bin"));
        Assert.Equal("NMNIST", s.Info.Format);
        Assert.Equal(4_325, s.Count);
        Assert.Equal((654L, 311_175L), (s.TFirst, s.TLast));
        Assert.Equal((0, 33, 0, 33), (s.XMin, s.XMax, s.YMin, s.YMax));
        Assert.Equal((2_145L, 2_180L), (s.On, s.Off));
        Assert.Equal(new SensorEvent(654, 7, 15, true), s.First[0]);
        Assert.Equal(new SensorEvent(2_999, 19, 18, false), s.First[1]);
        Assert.Equal(new SensorEvent(311_175, 21, 14, true), s.Last);
    }

    [SkippableFact]
    public void HeaderOnlyAedatGivesNoEventsAndSaysWhy()
    {
        var s = Recordings.Read(Recordings.Path("sample_aedat_header.aedat"));
        Assert.Equal("AEDAT2", s.Info.Format);
        Assert.Equal((346, 260), (s.Info.Width, s.Info.Height));
        Assert.Equal(0, s.Count);
        Assert.Contains(s.Info.Notes, n => n.Contains("no events") && n.Contains("byte 599"));
        Assert.Contains(s.Info.Notes, n => n.Contains("DAVIS346") && n.Contains("jAER"));
    }

    [SkippableFact]
    public void Aedat4EventsMatchItsOwnDataTable()
    {
        var path = Recordings.Path("sample.aedat4");
        var s = Recordings.Read(path);
        Assert.Equal("AEDAT4", s.Info.Format);
        Assert.Equal((320, 240), (s.Info.Width, s.Info.Height));
        var table = Aedat4DataTable.Read(path);
        var events = table.Where(e => e.StreamId == 0).ToList();
        Assert.NotEmpty(events);
        Assert.Equal(events.Sum(e => e.NumElements), s.Count);
        Assert.Equal(events.Min(e => e.TimestampStart), s.TFirst);
        Assert.Equal(events.Max(e => e.TimestampEnd), s.TLast);
        Assert.InRange(s.XMax, 0, 319);
        Assert.InRange(s.YMax, 0, 239);
        Assert.True(s.On > 0 && s.Off > 0);
    }

    [SkippableFact]
    public void EveryAedat4PacketHasTheCountAndTimeRangeItsTableEntryStates()
    {
        var path = Recordings.Path("sample.aedat4");
        var table = Aedat4DataTable.Read(path);
        using var file = File.OpenRead(path);
        var packets = new Aedat4Packets(Aedat4Compression.Lz4, path);
        var buffer = new SensorEvent[1 << 16];
        Assert.Contains(table, e => e.StreamId != 0);
        foreach (var entry in table)
        {
            var body = new byte[entry.Size];
            file.Position = entry.ByteOffset;
            file.ReadExactly(body);
            packets.Decode(body, entry.ByteOffset);
            if (entry.StreamId != 0)
            {
                Assert.NotEqual("EVTS", packets.Identifier);
                continue;
            }
            Assert.Equal("EVTS", packets.Identifier);
            Assert.Equal(entry.NumElements, packets.Count);
            var n = packets.CopyEvents(0, buffer, entry.ByteOffset);
            Assert.Equal(entry.TimestampStart, buffer[0].TimestampUs);
            Assert.Equal(entry.TimestampEnd, buffer[n - 1].TimestampUs);
        }
    }

    [SkippableFact]
    public void Evt3IsConsistentWithItselfWhateverTheChunkSize()
    {
        var path = Recordings.Path("evt3_sample.raw");
        var reference = Recordings.Read(path, 4096);
        Assert.Equal("EVT3", reference.Info.Format);
        Assert.Equal((1280, 720), (reference.Info.Width, reference.Info.Height));
        Assert.True(reference.Monotonic);
        Assert.True(reference.Count > 100_000);
        Assert.InRange(reference.XMax, 0, 1279);
        Assert.InRange(reference.YMax, 0, 719);
        Assert.InRange(reference.TLast - reference.TFirst, 1, 100_000);
        foreach (var chunk in new[] { 1, 7 })
            Assert.Equal(reference, Recordings.Read(path, chunk) with { Info = reference.Info, First = reference.First });
        var small = Recordings.Read(path, 7);
        Assert.Equal(reference.First, small.First);
    }
}
