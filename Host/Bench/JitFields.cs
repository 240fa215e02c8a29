namespace EventSpike.Host.Bench;

/// <summary>
/// A bench line's figures of the .NET JIT over the measured run: <c>run_jit_s</c> (time the process spent compiling,
/// every thread) and <c>run_jit_methods</c> (methods compiled). Tiered compilation goes on compiling hot code again,
/// optimised, on a background thread for a while after start-up; on two cores that thread takes one from the layers,
/// so a run it overlaps is not the steady state (a longer <c>--warmup</c> is).
/// </summary>
public sealed class JitFields
{
    private readonly TimeSpan _time = System.Runtime.JitInfo.GetCompilationTime();
    private readonly long _methods = System.Runtime.JitInfo.GetCompiledMethodCount();

    /// <summary>Starts counting now (before the measured run).</summary>
    public static JitFields Start() => new();

    public void Add(Dictionary<string, object?> line)
    {
        line["run_jit_s"] = Math.Round((System.Runtime.JitInfo.GetCompilationTime() - _time).TotalSeconds, 4);
        line["run_jit_methods"] = System.Runtime.JitInfo.GetCompiledMethodCount() - _methods;
    }
}
