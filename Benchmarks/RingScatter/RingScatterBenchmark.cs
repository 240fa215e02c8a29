namespace EventSpike.Benchmarks.RingScatter;

/// <summary>
/// What a PD14 synaptic event costs against the size of the delay-ring set (issue #17). The same PD14-like stream
/// (≈ 97,000 events per step, delays as PD14's) goes into ring sets of ≈ 4–48 MB laid out as an engine could:
/// today's 16 rings (8 layers × E/I, rows = longest delay + 2), rows capped at K steps with the longer delays in an
/// overflow list, one ring per layer (E and I merged), and both; each with and without the scatter's prefetch.
/// Variants are interleaved in one process and repeated; figures are thread CPU time (ns per event for the scatter,
/// µs per step for reading + clearing one row of every ring), medians over the repeats.
///
/// Run: <c>dotnet Benchmarks/bin/Release/net10.0/EventSpike.Benchmarks.dll ring-scatter [--steps N] [--repeats R]</c>
/// </summary>
public static class RingScatterBenchmark
{
    /// <summary>PD14's synaptic events per simulated second at full scale, and steps per simulated second (dt = 0.1 ms).</summary>
    private const double EventsPerSecond = 9.7e8, StepsPerSecond = 1e4;

    public static void Run(string[] args)
    {
        var steps = Option(args, "--steps", 200);
        var repeats = Option(args, "--repeats", 3);
        PrintDelayTails();
        var work = new RingScatterWorkload(synapsesPerPort: 1 << 20, steps, seed: 1);
        var layouts = RingSetLayout.All();
        var results = new Dictionary<(string, bool), List<RingSetRun.Result>>();
        for (var rep = 0; rep < repeats; rep++)
            foreach (var layout in rep % 2 == 0 ? layouts : layouts.Reverse())
                foreach (var prefetch in new[] { true, false })
                {
                    var key = (layout.Name, prefetch);
                    if (!results.TryGetValue(key, out var list)) results[key] = list = [];
                    list.Add(RingSetRun.Measure(work, layout, prefetch));
                    GC.Collect();
                }
        Console.WriteLine("| layout | prefetch | ring MB | ns/event (median; all) | take µs/step | CPU-s per simulated s: events + take = total | total ÷ today's, same repeat (median) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var today = results[(layouts[1].Name, true)];
        foreach (var layout in layouts)
            foreach (var prefetch in new[] { true, false })
                PrintRow(layout, prefetch, results[(layout.Name, prefetch)], today);
    }

    /// <summary>CPU seconds per full-scale simulated second: the events' scatter plus one row taken per ring per step.</summary>
    private static double PerSimulatedSecond(RingSetRun.Result r) => r.NsPerEvent * EventsPerSecond * 1e-9 + r.MicrosecondsPerStepTake * StepsPerSecond * 1e-6;

    private static void PrintRow(RingSetLayout layout, bool prefetch, List<RingSetRun.Result> runs, List<RingSetRun.Result> today)
    {
        var ns = Median(runs.Select(r => r.NsPerEvent));
        var take = Median(runs.Select(r => r.MicrosecondsPerStepTake));
        var eventS = ns * EventsPerSecond * 1e-9;
        var takeS = take * StepsPerSecond * 1e-6;
        var all = string.Join(" ", runs.Select(r => r.NsPerEvent.ToString("F2")));
        var ratio = Median(runs.Select((r, i) => PerSimulatedSecond(r) / PerSimulatedSecond(today[i])));
        Console.WriteLine($"| {layout.Name} | {(prefetch ? "yes" : "no")} | {layout.Megabytes:F1} | {ns:F2} ({all}) | {take:F1} | {eventS:F2} + {takeS:F2} = {eventS + takeS:F2} | {ratio:F2} |");
    }

    private static void PrintDelayTails()
    {
        Console.WriteLine("| cap K (steps) | E synapses > K | I synapses > K | all synapses > K | events > K |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var cap in new[] { 1, 12, 16, 24, 32, 40 })
        {
            var (e, i) = RingScatterDelays.FractionBeyond(cap, 2_000_000, seed: cap);
            var syn = RingScatterDelays.ExcSynapseShare * e + (1 - RingScatterDelays.ExcSynapseShare) * i;
            var ev = RingScatterDelays.ExcEventShare * e + (1 - RingScatterDelays.ExcEventShare) * i;
            Console.WriteLine($"| {cap} | {e:P3} | {i:P4} | {syn:P3} | {ev:P3} |");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) && v > 0 ? v : fallback;
    }
}
