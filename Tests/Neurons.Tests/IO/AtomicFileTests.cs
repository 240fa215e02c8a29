using System.Text.RegularExpressions;
using EventSpike.Neurons.IO;
using Xunit;

namespace EventSpike.Neurons.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Temporaries() => Directory.GetFiles(_dir, "*.tmp");

    [Fact]
    public void A_write_goes_to_a_hidden_temporary_file_beside_the_target_then_replaces_it()
    {
        var path = Path.Combine(_dir, "out.csv");
        File.WriteAllText(path, "old");
        string[] during = [];
        var targetDuring = "";
        AtomicFile.Write(path, s =>
        {
            s.Write("new"u8);
            during = Temporaries();
            targetDuring = File.ReadAllText(path);
        });
        var temp = Assert.Single(during);
        Assert.Matches(new Regex(@"^\.out\.csv\." + Environment.ProcessId + @"\.[0-9a-f]{32}\.tmp$"), Path.GetFileName(temp));
        Assert.Equal("old", targetDuring); // the target is not touched before the write is complete
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Empty(Temporaries());
    }

    [Fact]
    public void A_failure_inside_the_write_leaves_the_existing_target_untouched_and_no_temporary_file()
    {
        var path = Path.Combine(_dir, "summary.json");
        File.WriteAllText(path, "{\"whole\": true}");
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("{\"half"u8);
            s.Flush();
            throw new InvalidOperationException("disk on fire");
        }));
        Assert.Equal("disk on fire", e.Message);
        Assert.Equal("{\"whole\": true}", File.ReadAllText(path));
        Assert.Empty(Temporaries());
    }

    [Fact]
    public void A_failure_with_no_target_leaves_no_file_at_all()
    {
        var path = Path.Combine(_dir, "spikes.csv");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, _ => throw new IOException("full")));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Write_all_text_creates_or_replaces_the_file()
    {
        var path = Path.Combine(_dir, "notes.txt");
        AtomicFile.WriteAllText(path, "first");
        Assert.Equal("first", File.ReadAllText(path));
        AtomicFile.WriteAllText(path, "second, longer");
        Assert.Equal("second, longer", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Temporary_names_differ_from_call_to_call()
    {
        var path = Path.Combine(_dir, "a.npy");
        Assert.NotEqual(AtomicFile.TemporaryPathFor(path), AtomicFile.TemporaryPathFor(path));
        Assert.Equal(_dir, Path.GetDirectoryName(AtomicFile.TemporaryPathFor(path)));
    }
}
