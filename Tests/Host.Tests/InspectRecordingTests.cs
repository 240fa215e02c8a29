using System.Text.Json;
using EventSpike.Tests.Common;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary><c>inspect</c> and <c>bench decode</c> on event-sensor recordings (CONTRACT.md "inspect --json").</summary>
public class InspectRecordingTests
{
    private static string Recording(string name)
    {
        var path = SharedFiles.Find("data/sensors/" + name);
        Skip.If(path is null, $"shared/data/sensors/{name} is not present beside the repository: this test did not run");
        return path!;
    }

    [SkippableFact]
    public void Inspect_json_gives_the_contract_fields_of_a_recording()
    {
        var (code, stdout, err) = Run("inspect", Recording("sample_nmnist.bin"), "--json");
        Assert.True(code == 0, err);
        Assert.Single(stdout.Trim().Split('\n'));
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("NMNIST", root.GetProperty("format").GetString());
        Assert.Equal(4325, root.GetProperty("events").GetInt64());
        Assert.Equal(654, root.GetProperty("t_first_us").GetInt64());
        Assert.Equal(311_175, root.GetProperty("t_last_us").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("width").ValueKind);
        Assert.Equal(2145, root.GetProperty("on").GetInt64());
        Assert.Equal(2180, root.GetProperty("off").GetInt64());
        Assert.Equal(Math.Round(4325 / 0.310521), root.GetProperty("rate_ev_per_s").GetDouble());
    }

    [SkippableFact]
    public void Inspect_prints_format_resolution_and_the_mapping_note_readably()
    {
        var (code, stdout, err) = Run("inspect", Recording("evt2_sample.raw"));
        Assert.True(code == 0, err);
        Assert.Contains("format: EVT2", stdout);
        Assert.Contains("width: 640", stdout);
        Assert.Contains("events: 539481", stdout);
        Assert.Contains("plugin", stdout);
    }

    [SkippableFact]
    public void A_corrupt_recording_is_exit_2_naming_the_file_and_byte_offset()
    {
        var bytes = File.ReadAllBytes(Recording("sample.aedat4"));
        bytes[14] = bytes[15] = bytes[16] = bytes[17] = 0xFF;
        var path = Path.Combine(TempDir(), "broken.aedat4");
        File.WriteAllBytes(path, bytes);
        var (code, _, err) = Run("inspect", path, "--json");
        Assert.Equal(2, code);
        Assert.Contains("broken.aedat4: byte 14", err);
    }

    [SkippableFact]
    public void Bench_decode_prints_one_json_line_with_events_per_second()
    {
        var (code, stdout, err) = Run("bench", "decode", Recording("sample_ncars.dat"), "--repeat", "2");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(stdout.Trim()).RootElement;
        Assert.Equal("decode", root.GetProperty("bench").GetString());
        Assert.Equal("DAT", root.GetProperty("format").GetString());
        Assert.Equal(2009, root.GetProperty("events").GetInt64());
        Assert.True(root.GetProperty("events_per_s").GetDouble() > 0);
    }
}
