namespace EventSpike.Architecture.Tests;

/// <summary>
/// DESIGN.md's layout table as data: for each source project (by its folder and project-file name),
/// the projects it may reference and the NuGet packages it may use. The dependency arrows only point
/// up the table; <c>Host</c> may use everything. Every non-test project of EventSpike.sln must have a
/// row here, so a new project cannot escape the rules.
/// </summary>
public static class DesignTable
{
    public sealed record Rule(string[] Projects, string[] Packages);

    private static readonly string[] Sources = ["Neurons", "Gpu", "Routing", "Actors", "Hardware"];

    public static IReadOnlyDictionary<string, Rule> Rules { get; } = new Dictionary<string, Rule>(StringComparer.Ordinal)
    {
        // The numerical core: no actors, no I/O libraries, numerics only.
        ["Neurons"] = new([], ["System.Numerics.Tensors"]),
        // The GPU backend beside the kernel pool (EventSpike.Gpu), so that Neurons stays plain: ILGPU kernels
        // and the backend provider the runtime's registry hosts.
        ["Gpu"] = new(["Neurons", "Routing", "Actors"], ["ILGPU"]),
        // Network descriptions travel as MessagePack; NIR graph files (HDF5, read and written with PureHDF) are network descriptions too.
        ["Routing"] = new(["Neurons"], ["MessagePack", "PureHDF"]),
        // Akka.Streams: the TCP link per worker pair that carries window bundles (issue 17), while Akka.Cluster keeps control.
        ["Actors"] = new(["Neurons", "Routing"], ["Akka", "Akka.Remote", "Akka.Cluster", "Akka.Streams"]),
        // Sensor readers (FlatBuffers, LZ4, Zstd for AEDAT4) and live sources (per-window latency with HdrHistogram).
        ["Hardware"] = new(["Neurons", "Routing", "Actors"], ["Google.FlatBuffers", "K4os.Compression.LZ4", "K4os.Compression.LZ4.Streams", "ZstdSharp.Port", "HdrHistogram"]),
        // The command line is read by System.CommandLine from the tables in Host/Cli/CommandSpecs.cs (issue 18).
        ["Host"] = new([.. Sources], ["Spectre.Console", "ScottPlot", "SkiaSharp.NativeAssets.Linux.NoDependencies", "System.CommandLine"]),
        // Micro-benchmarks of the kernels: a leaf like Host, with BenchmarkDotNet.
        ["Benchmarks"] = new([.. Sources], ["BenchmarkDotNet"]),
        // examples/product-training: a worked example of gradient training, a leaf on the numerical core only.
        ["ProductTraining"] = new(["Neurons"], []),
    };

    /// <summary>Projects in the table that may not exist yet (another branch adds them); absent, their rules are skipped out loud.</summary>
    public static IReadOnlySet<string> Pending { get; } = new HashSet<string>(StringComparer.Ordinal);
}
