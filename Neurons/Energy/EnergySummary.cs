using System.Globalization;
using System.Text;

namespace EventSpike.Neurons.Energy;

/// <summary>
/// ModelEnergy's summary table, in KerasSpiking's layout. Columns by key: <c>name</c> "Layer (type)",
/// <c>output_shape</c>, <c>params</c>, <c>rate</c> "Rate [Hz]", <c>connections</c> "Conn #",
/// <c>neurons</c> "Neuron #", <c>energy DEV</c> "J/inf (DEV)", <c>synop_energy DEV</c>,
/// <c>neuron_energy DEV</c>. Integers plain, rates and energies Python <c>.2g</c> (missing rate: nan).
/// Widths: usable = line − ncols + 1, each column min(usable // ncols, its longest cell), then grown
/// one at a time (largest (longest − w)/w first) while the sum is below min(usable, Σ longest).
/// Header left-aligned, the name left and the rest right-aligned, cells cut to width, joined by '|';
/// a '-' rule under the header; with energy columns a '=' rule and one total line per energy column
/// (<c>0.2e</c>); then the warnings, wrapped to the line with a two-space indent.
/// </summary>
public static class EnergySummary
{
    public static readonly IReadOnlyList<string> DefaultColumns = ["name", "output_shape", "params", "connections", "neurons", "energy cpu", "energy loihi"];

    private static readonly string[] Keys = ["name", "output_shape", "params", "rate", "connections", "neurons", "energy", "synop_energy", "neuron_energy"];

    public static string Format(ModelEnergy model, IReadOnlyList<string> columns, int lineLength, bool printWarnings, int timesteps)
    {
        var headers = columns.Select(Header).ToList();
        var rows = model.Layers.Select(l => columns.Select(c => Cell(model, l, c, timesteps)).ToList()).ToList();
        var widths = Widths(headers, rows, lineLength);
        var lines = new List<string>
        {
            string.Join("|", headers.Select((h, i) => Fit(h, widths[i], left: true))),
            string.Join("|", widths.Select(w => new string('-', w))),
        };
        foreach (var row in rows) lines.Add(string.Join("|", row.Select((c, i) => Fit(c, widths[i], left: columns[i] == "name"))));
        var energyColumns = columns.Where(c => c.StartsWith("energy ", StringComparison.Ordinal)).Select(c => c[7..]).ToList();
        if (energyColumns.Count > 0)
        {
            lines.Add(new string('=', lines[0].Length));
            foreach (var dev in energyColumns)
                lines.Add($"Total energy per inference [Joules/inf] ({dev}): {PythonFormat.E2(model.TotalEnergy(dev, timesteps))}");
        }
        if (printWarnings && columns.Any(IsEnergy))
        {
            lines.AddRange(Wrap("* These are estimates only; see the documentation for a list of the assumptions being made. https://bit.ly/3c3aKKH", lineLength));
            if (energyColumns.Any(d => EnergyDevices.Get(d).Spiking) && model.Layers.Any(l => !l.Stats.Spiking))
                lines.AddRange(Wrap("* This model contains non-spiking activations that would not actually behave in the manner we assume in these calculations; we assume these layers will be converted to spiking equivalents. Consider using `keras_spiking.SpikingActivation` to make this conversion explicit.", lineLength));
        }
        return string.Join("\n", lines);
    }

    private static bool IsEnergy(string column) => column.Split(' ')[0] is "energy" or "synop_energy" or "neuron_energy";

    private static string Header(string column)
    {
        var parts = column.Split(' ', 2);
        if (!Keys.Contains(parts[0]) || (IsEnergy(column) != (parts.Length == 2)))
            throw new ArgumentException($"Unknown column type '{column}'; must be one of [{string.Join(", ", Keys.Select(k => $"'{k}'"))}]");
        return parts[0] switch
        {
            "name" => "Layer (type)",
            "output_shape" => "Output shape",
            "params" => "Param #",
            "rate" => "Rate [Hz]",
            "connections" => "Conn #",
            "neurons" => "Neuron #",
            "energy" => $"J/inf ({parts[1]})",
            "synop_energy" => $"Synop J/inf ({parts[1]})",
            _ => $"Neuron J/inf ({parts[1]})",
        };
    }

    private static string Cell(ModelEnergy model, EnergyLayer layer, string column, int timesteps)
    {
        var parts = column.Split(' ', 2);
        string Energy(Func<(double Synop, double Neuron), double> pick) => PythonFormat.G2(pick(model.LayerEnergy(layer, parts[1], timesteps)));
        return parts[0] switch
        {
            "name" => $"{layer.Name} ({layer.TypeName})",
            "output_shape" => layer.OutputShape,
            "params" => layer.Params.ToString(CultureInfo.InvariantCulture),
            "rate" => layer.Rate is { } r ? PythonFormat.G2(r) : "nan",
            "connections" => layer.Stats.Connections.ToString(CultureInfo.InvariantCulture),
            "neurons" => layer.Stats.Neurons.ToString(CultureInfo.InvariantCulture),
            "energy" => Energy(e => e.Synop + e.Neuron),
            "synop_energy" => Energy(e => e.Synop),
            _ => Energy(e => e.Neuron),
        };
    }

    /// <summary>KerasSpiking's column widths (see the class comment).</summary>
    public static int[] Widths(IReadOnlyList<string> headers, IReadOnlyList<List<string>> rows, int lineLength)
    {
        var n = headers.Count;
        var maxLen = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var usable = lineLength - n + 1;
        var baseWidth = usable / n;
        var w = maxLen.Select(m => Math.Min(baseWidth, m)).ToArray();
        usable = Math.Min(usable, maxLen.Sum());
        while (w.Sum() < usable)
        {
            var best = 0;
            for (var i = 1; i < n; i++)
                if ((double)(maxLen[i] - w[i]) / w[i] > (double)(maxLen[best] - w[best]) / w[best]) best = i;
            w[best]++;
        }
        return w;
    }

    private static string Fit(string cell, int width, bool left)
    {
        if (cell.Length > width) cell = cell[..width];
        return left ? cell.PadRight(width) : cell.PadLeft(width);
    }

    /// <summary>Python's textwrap.fill(text, width, subsequent_indent="  "): greedy, breaking at spaces and after hyphens.</summary>
    public static IEnumerable<string> Wrap(string text, int width)
    {
        var chunks = new List<string>();
        foreach (var word in text.Split(' '))
        {
            var start = 0;
            for (var i = 1; i < word.Length - 1; i++)
                if (word[i] == '-' && char.IsLetter(word[i - 1]) && char.IsLetter(word[i + 1]))
                {
                    chunks.Add(word[start..(i + 1)]);
                    start = i + 1;
                }
            chunks.Add(word[start..] + " ");
        }
        var line = new StringBuilder();
        var lines = new List<string>();
        foreach (var chunk in chunks)
        {
            var trimmed = chunk.TrimEnd();
            if (line.ToString().Trim().Length > 0 && line.Length + trimmed.Length > width)
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear().Append("  ");
            }
            line.Append(chunk);
        }
        if (line.ToString().Trim().Length > 0) lines.Add(line.ToString().TrimEnd());
        return lines;
    }
}
