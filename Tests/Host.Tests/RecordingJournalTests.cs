using EventSpike.Host.Output;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

public class RecordingJournalTests
{
    private static List<string> ReadAll(JournalReader reader)
    {
        var records = new List<string>();
        reader.Read(
            (step, layer, neurons) => records.Add($"S {step} {layer} [{string.Join(",", neurons.ToArray())}]"),
            (layer, start, channels, samples) => records.Add($"C {layer} {start} {channels} [{string.Join(",", samples.ToArray())}]"),
            (probe, steps, values) => records.Add($"P {probe} [{string.Join(",", steps.ToArray())}] [{string.Join(",", values.ToArray())}]"));
        return records;
    }

    private static void WriteSome(RecordingJournal journal, long from)
    {
        journal.WriteSpikes(from, 0, [1, 5, 300, 70_000]);
        journal.WriteSamples(2, from, 2, [0.5, -1.25, double.MaxValue, 1e-300]);
        journal.WriteProbe(1, [from + 9, from + 19], [3.5, double.NegativeInfinity]);
        journal.WriteSpikes(from + 1, 1, []);
    }

    private static string[] Expected(long from) =>
    [
        $"S {from} 0 [1,5,300,70000]",
        $"C 2 {from} 2 [0.5,-1.25,{double.MaxValue},1E-300]",
        $"P 1 [{from + 9},{from + 19}] [3.5,{double.NegativeInfinity}]",
        $"S {from + 1} 1 []",
    ];

    [Fact]
    public void What_is_written_reads_back_record_by_record_in_order()
    {
        var path = Path.Combine(TempDir(), "run.journal");
        long length;
        using (var journal = RecordingJournal.Create(path))
        {
            WriteSome(journal, 0);
            WriteSome(journal, 5_000_000_000);
            length = journal.Mark();
        }
        Assert.Equal(new FileInfo(path).Length, length);
        Assert.Equal([.. Expected(0), .. Expected(5_000_000_000)], ReadAll(new JournalReader(path, length)));
        var spikesOnly = new List<long>();
        new JournalReader(path, length).Read(spikes: (step, _, _) => spikesOnly.Add(step));
        Assert.Equal([0L, 1, 5_000_000_000, 5_000_000_001], spikesOnly);
    }

    [Fact]
    public void A_journal_reopened_at_a_mark_loses_what_followed_and_goes_on_from_there()
    {
        var path = Path.Combine(TempDir(), "run.journal");
        long mark;
        using (var journal = RecordingJournal.Create(path))
        {
            WriteSome(journal, 0);
            mark = journal.Mark();
            WriteSome(journal, 100);
            journal.Mark();
        }
        long length;
        using (var journal = RecordingJournal.OpenAt(path, mark))
        {
            WriteSome(journal, 200);
            length = journal.Mark();
        }
        Assert.Equal([.. Expected(0), .. Expected(200)], ReadAll(new JournalReader(path, length)));
    }

    [Fact]
    public void A_truncated_journal_is_refused_naming_the_file_and_the_byte()
    {
        var path = Path.Combine(TempDir(), "run.journal");
        long length;
        using (var journal = RecordingJournal.Create(path))
        {
            WriteSome(journal, 0);
            length = journal.Mark();
        }
        using (var f = new FileStream(path, FileMode.Open)) f.SetLength(length - 3);
        var cut = Assert.Throws<InvalidDataException>(() => new JournalReader(path, length - 3).Check());
        Assert.Contains(path, cut.Message);
        Assert.Contains("cut short", cut.Message);
        var shorter = Assert.Throws<InvalidDataException>(() => RecordingJournal.OpenAt(path, length));
        Assert.Contains($"{path} is shorter ({length - 3} bytes) than its checkpoint says ({length})", shorter.Message);
    }

    [Fact]
    public void A_corrupt_journal_is_refused_naming_the_file()
    {
        var path = Path.Combine(TempDir(), "run.journal");
        long length;
        using (var journal = RecordingJournal.Create(path))
        {
            WriteSome(journal, 0);
            length = journal.Mark();
        }
        var bytes = File.ReadAllBytes(path);
        bytes[RecordingJournal.Magic.Length] = 9; // the first record's tag
        File.WriteAllBytes(path, bytes);
        var tag = Assert.Throws<InvalidDataException>(() => RecordingJournal.OpenAt(path, length));
        Assert.Equal($"{path}: corrupt recording journal at byte 8: unknown record tag 9", tag.Message);

        File.WriteAllText(path, "time_s,layer,neuron\n0.001,a,1\n");
        var header = Assert.Throws<InvalidDataException>(() => new JournalReader(path, 20).Check());
        Assert.StartsWith($"{path}: not a recording journal", header.Message);
    }

    [Fact]
    public void A_count_that_does_not_fit_its_record_is_refused()
    {
        var path = Path.Combine(TempDir(), "run.journal");
        long length;
        using (var journal = RecordingJournal.Create(path))
        {
            journal.WriteSpikes(3, 0, [1, 2]);
            length = journal.Mark();
        }
        var bytes = File.ReadAllBytes(path);
        bytes[RecordingJournal.Magic.Length + 4] = 50; // tag, length, step, layer, then the count
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => new JournalReader(path, length).Check());
        Assert.Contains($"{path}: corrupt recording journal at byte 8: a count of 50", e.Message);
    }
}
