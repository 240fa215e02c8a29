using System.Diagnostics;
using System.Text.Json;

namespace EventSpike.Host.Output;

/// <summary>
/// When a run's first recorded spike reached the recording: wall seconds since the process started, the CPU
/// seconds the process had used by then (all threads: the JIT's, the GC's, the actors'), and the methods the JIT
/// had compiled (<c>summary.json</c>'s <c>startup</c> block; README "Start-up"). Noted once, cheaply (a clock read,
/// the process's CPU counter, the JIT's counter); the process's start time is looked up only when the summary is written.
/// </summary>
public sealed class FirstSpike
{
    private long _noted;
    private DateTime _atUtc;
    private TimeSpan _cpu;
    private long _jitMethods;

    /// <summary>Notes this moment if it is the first call; later calls do nothing.</summary>
    public void Note()
    {
        if (Volatile.Read(ref _noted) != 0 || Interlocked.Exchange(ref _noted, 1) != 0) return;
        _atUtc = DateTime.UtcNow;
        _cpu = Environment.CpuUsage.TotalTime;
        _jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
    }

    /// <summary>True once a spike was noted.</summary>
    public bool Seen => Volatile.Read(ref _noted) != 0;

    /// <summary>Wall seconds from the process's start to the first spike (null: none yet).</summary>
    public double? SinceProcessStart => Seen ? (_atUtc - ProcessStartUtc()).TotalSeconds : null;

    /// <summary>CPU seconds the process had used at the first spike (null: none yet).</summary>
    public double? CpuSeconds => Seen ? _cpu.TotalSeconds : null;

    /// <summary>Methods the JIT had compiled by the first spike (null: none yet).</summary>
    public long? JitMethods => Seen ? _jitMethods : null;

    /// <summary>
    /// summary.json's <c>startup</c> block: <c>first_spike_s</c> (wall, from the process's start),
    /// <c>first_spike_cpu_s</c> (the process's CPU by then), <c>jit_methods_at_first_spike</c>; nothing when no spike was recorded.
    /// </summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        if (!Seen) return;
        w.WriteStartObject("startup");
        w.WriteNumber("first_spike_s", Math.Round(SinceProcessStart!.Value, 4));
        w.WriteNumber("first_spike_cpu_s", Math.Round(_cpu.TotalSeconds, 4));
        w.WriteNumber("jit_methods_at_first_spike", _jitMethods);
        w.WriteEndObject();
    }

    private static DateTime ProcessStartUtc()
    {
        using var self = Process.GetCurrentProcess();
        return self.StartTime.ToUniversalTime();
    }
}
