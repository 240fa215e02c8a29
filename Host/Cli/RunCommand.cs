using System.Diagnostics;
using System.Globalization;
using EventSpike.Actors.Runtime;
using EventSpike.Host.NetworkFiles;
using EventSpike.Host.Output;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Cli;

/// <summary><c>eventspike run NETWORK.json</c>: one process, the embedded single-node runtime.</summary>
public static class RunCommand
{
    private static readonly string[] ValueOptions =
        ["duration", "dt", "out", "seed", "threads", "credit", "input", "checkpoint-every", "resume", "energy", "cluster", "seed-nodes", "min-nodes"];
    private static readonly string[] FlagOptions = ["realtime", "no-plot"];
    private static readonly string[] NotYet = ["checkpoint-every", "resume", "energy", "cluster", "seed-nodes", "min-nodes"];

    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var a = new ParsedArguments("run", args, ValueOptions, FlagOptions);
        foreach (var option in NotYet)
            if (a.All(option).Count > 0) throw new InputException($"run: --{option} is not available in this version yet");
        if (a.Flag("realtime")) throw new InputException("run: --realtime is not available in this version yet");
        if (a.Positional.Count != 1)
            throw new InputException("usage: eventspike run NETWORK.json [--duration S] [--dt S] [--out DIR] [--seed N] [--threads N] [--input LAYER=FILE]...");

        var build = Stopwatch.StartNew();
        var spec = NetworkFile.Load(a.Positional[0]);
        if (a.Seconds("duration") is { } duration) spec = spec with { Duration = duration };
        if (a.Seconds("dt") is { } dt) spec = spec with { Dt = dt };
        if (a.Integer("seed", 0) is { } seed) spec = spec with { Seed = (ulong)seed };
        spec = InputFiles.Apply(spec, a.All("input"));
        var threads = (int)(a.Integer("threads", 1) ?? Environment.ProcessorCount);
        var credit = (int)(a.Integer("credit", 1) ?? 4);
        var outDir = a.Value("out") ?? "out";

        CompiledNetwork network;
        try
        {
            network = NetworkCompiler.Compile(spec);
        }
        catch (NetworkSpecException e)
        {
            throw new InputException(e.Message.StartsWith(a.Positional[0], StringComparison.Ordinal) ? e.Message : $"{a.Positional[0]}: {e.Message}");
        }
        build.Stop();
        foreach (var warning in network.Warnings) stderr.WriteLine("warning: " + warning);
        OutputFolder.Prepare(outDir);

        var recorded = network.Layers.Where(l => l.Recorded)
            .Select(l => new RecordedSpikes(l.Id, l.Name, l.Size, l.Model.OutputKind == Neurons.Models.SignalKind.Continuous, network.Dt)).ToList();
        using var sink = new RecordingSink(Path.Combine(outDir, "spikes.csv"), network.Dt, recorded);
        var progress = new ProgressDisplay(stderr, network.Plan.TotalSteps, network.Dt, ProgressDisplay.TerminalAttached);
        var options = new RunOptions(credit, threads, progress.Report);
        var result = progress.RunAsync(() => LocalRunner.RunAsync(network, sink, options, cancel)).GetAwaiter().GetResult();

        if (result.Interrupted)
        {
            stderr.WriteLine($"interrupted: spikes.csv in {outDir} holds the windows every recorded layer finished");
            return ExitCodes.Interrupted;
        }
        if (!result.Succeeded)
        {
            stderr.WriteLine($"run failed at step {result.StepsReached} ({(result.StepsReached * network.Dt).ToString("0.####", CultureInfo.InvariantCulture)} s): {result.Failure}; no summary was written");
            return ExitCodes.RunFailed;
        }

        var simulated = result.Completed!.Steps * network.Dt;
        SeriesOutputs.Write(outDir, recorded, network.Dt, result.Completed.Steps);
        if (!a.Flag("no-plot"))
            RasterPlot.Write(Path.Combine(outDir, "raster.png"), recorded.Where(r => r.Samples is null).ToList(), network.Dt, simulated, network.Name);
        RunSummary.Write(Path.Combine(outDir, "summary.json"), network, result, build.Elapsed.TotalSeconds, threads);
        var total = result.Completed.Layers.Sum(l => l.Spikes);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{network.Name}: {simulated:0.###} s simulated in {result.WallSeconds:0.###} s ({result.WallSeconds / simulated:0.###}× real time), {total} spikes; outputs in {outDir}"));
        return ExitCodes.Done;
    }
}
