namespace EventSpike.Host.Output;

/// <summary>
/// One panel of <c>traces.png</c>: a probed variable (<c>layer.variable</c>) with its unit, the neurons
/// drawn (at most <see cref="TracePlot.MaxNeuronsPerPanel"/> of the <paramref name="TotalNeurons"/> probed),
/// the sample times in seconds and, per drawn neuron, its true values at those times. <paramref name="SampleStride"/>
/// &gt; 1 when only every k-th sample is drawn (a long run).
/// </summary>
public sealed record TracePanel(string Title, string? Unit, IReadOnlyList<int> Neurons, int TotalNeurons,
    double[] Times, double[][] Values, int SampleStride = 1)
{
    /// <summary>What a line is in the legend and the note: "neuron" for a probe, "channel" for a series file.</summary>
    public string Line { get; init; } = "neuron";

    /// <summary>The y axis label: the variable and its unit, e.g. <c>v_mem (V)</c>.</summary>
    public string AxisLabel
    {
        get
        {
            var dot = Title.LastIndexOf('.');
            var variable = dot >= 0 ? Title[(dot + 1)..] : Title;
            return Unit is null or "" or "—" ? variable : $"{variable} ({Unit})";
        }
    }

    /// <summary>Which of the neurons are drawn (the first and last probed ones always), evenly spaced, at most <paramref name="max"/>.</summary>
    public static int[] Columns(int total, int max)
    {
        if (total <= max) return Enumerable.Range(0, total).ToArray();
        return Enumerable.Range(0, max).Select(i => (int)Math.Round(i * (total - 1) / (double)(max - 1))).Distinct().ToArray();
    }
}
