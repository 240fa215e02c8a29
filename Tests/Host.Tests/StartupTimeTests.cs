using System.Diagnostics;
using System.Text.Json;
using EventSpike.Host.Output;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>summary.json's startup block: when the run's first recorded spike came, from the process's start.</summary>
public class StartupTimeTests
{
    private static JsonElement StartupOf(string dir)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        return summary.RootElement.GetProperty("startup").Clone();
    }

    [Fact]
    public void A_run_as_a_process_says_when_its_first_spike_came_within_the_processs_own_time()
    {
        var dir = TempDir();
        var clock = Stopwatch.StartNew();
        var (code, _, err) = HostProcess.Exec("run", Example("reservoir.json"), "--duration", "0.01", "--out", dir, "--no-plot");
        var outside = clock.Elapsed.TotalSeconds;
        Assert.True(code == 0, err);
        var startup = StartupOf(dir);
        var first = startup.GetProperty("first_spike_s").GetDouble();
        var cpu = startup.GetProperty("first_spike_cpu_s").GetDouble();
        // The process started after the clock did and ended before it stopped; the runtime's start alone takes some CPU.
        Assert.InRange(first, 0.001, outside);
        Assert.InRange(cpu, 0.001, outside * Environment.ProcessorCount);
        Assert.True(startup.GetProperty("jit_methods_at_first_spike").GetInt64() >= 0);
    }

    [Fact]
    public void A_run_in_this_process_counts_from_this_processs_start()
    {
        var dir = TempDir();
        var (code, _, err) = Run("run", Example("reservoir.json"), "--duration", "0.01", "--out", dir, "--no-plot");
        Assert.True(code == 0, err);
        using var self = Process.GetCurrentProcess();
        var sinceStart = (DateTime.Now - self.StartTime).TotalSeconds;
        var startup = StartupOf(dir);
        Assert.InRange(startup.GetProperty("first_spike_s").GetDouble(), 0.001, sinceStart);
        Assert.InRange(startup.GetProperty("first_spike_cpu_s").GetDouble(), 0.001, self.TotalProcessorTime.TotalSeconds);
    }

    [Fact]
    public void The_first_spike_is_noted_once_and_nothing_is_written_before_one()
    {
        var first = new FirstSpike();
        Assert.Null(first.SinceProcessStart);
        using (var stream = new MemoryStream())
        {
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                first.WriteJson(w);
                w.WriteEndObject();
            }
            Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
        first.Note();
        var (at, cpu, jit) = (first.SinceProcessStart, first.CpuSeconds, first.JitMethods);
        Thread.Sleep(20);
        first.Note();
        Assert.Equal(at, first.SinceProcessStart);
        Assert.Equal(cpu, first.CpuSeconds);
        Assert.Equal(jit, first.JitMethods);
        Assert.True(first.Seen);
    }
}
