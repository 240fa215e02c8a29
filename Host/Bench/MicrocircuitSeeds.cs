namespace EventSpike.Host.Bench;

/// <summary>
/// The summary line of <c>bench microcircuit --seeds K</c>: per population the mean and sample s.d. (n − 1) of the
/// rate over the seeds' runs, its range, the mean's relative error against the reference means and against
/// NEST 3's example's, and the mean CV of the inter-spike intervals.
/// </summary>
public static class MicrocircuitSeeds
{
    public static Dictionary<string, object?> Summary(IReadOnlyList<Dictionary<string, object?>> lines)
    {
        static List<Dictionary<string, object?>> Populations(Dictionary<string, object?> line) => (List<Dictionary<string, object?>>)line["populations"]!;
        var first = Populations(lines[0]);
        var populations = new List<Dictionary<string, object?>>();
        for (var i = 0; i < first.Count; i++)
        {
            var rates = lines.Select(l => (double)Populations(l)[i]["rate_hz"]!).ToArray();
            var cvs = lines.Select(l => Populations(l)[i]["cv_isi"]).OfType<double>().ToArray();
            var (mean, sd) = MeanSd(rates);
            var reference = (double)first[i]["reference_hz"]!;
            var nest = (double)first[i]["nest_example_hz"]!;
            populations.Add(new()
            {
                ["name"] = first[i]["name"],
                ["mean_hz"] = Math.Round(mean, 4),
                ["sd_hz"] = Math.Round(sd, 4),
                ["min_hz"] = rates.Min(),
                ["max_hz"] = rates.Max(),
                ["reference_hz"] = reference,
                ["mean_error"] = Math.Round((mean - reference) / reference, 4),
                ["nest_example_hz"] = nest,
                ["mean_nest_example_error"] = Math.Round((mean - nest) / nest, 4),
                ["cv_isi"] = cvs.Length > 0 ? Math.Round(cvs.Average(), 4) : null,
            });
        }
        return new Dictionary<string, object?>
        {
            ["bench"] = "microcircuit-seeds",
            ["seeds"] = lines.Select(l => l["seed"]).ToArray(),
            ["scale"] = lines[0]["scale"],
            ["duration_s"] = lines[0]["duration_s"],
            ["transient_s"] = lines[0]["transient_s"],
            ["within_10_percent"] = populations.Count(p => Math.Abs((double)p["mean_error"]!) <= 0.1),
            ["within_10_percent_nest_example"] = populations.Count(p => Math.Abs((double)p["mean_nest_example_error"]!) <= 0.1),
            ["populations"] = populations,
        };
    }

    /// <summary>Mean and sample standard deviation (n − 1; 0 for one value).</summary>
    public static (double Mean, double Sd) MeanSd(IReadOnlyList<double> x)
    {
        var mean = x.Average();
        var ss = x.Sum(v => (v - mean) * (v - mean));
        return (mean, x.Count > 1 ? Math.Sqrt(ss / (x.Count - 1)) : 0);
    }
}
