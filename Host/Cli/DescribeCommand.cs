using EventSpike.Neurons.Models;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>eventspike describe TYPE</c>: one model type's documentation (family, equations, integration
/// scheme, parameters with defaults and units, input ports, state variables, whether it is a
/// source), as the section of <c>docs/models.md</c> it is. <c>describe --markdown</c> prints the
/// whole of <c>docs/models.md</c>. An unknown type is bad input naming it and the closest names.
/// </summary>
public static class DescribeCommand
{
    public const string UsageLine = "usage: eventspike describe TYPE | eventspike describe --markdown";

    public static int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var a = CommandSpecs.Describe.Parse(args);
        if (a.Flag("markdown") && a.Positional.Count == 0)
        {
            stdout.Write(ModelMarkdown.Document());
            return ExitCodes.Done;
        }
        if (a.Positional.Count != 1) throw new InputException(UsageLine);
        var type = a.Positional[0];
        if (!ModelCatalog.IsKnown(type))
            throw new InputException($"unknown model type '{type}'; closest: {string.Join(", ", Closest(type, 3))} (eventspike models lists every type)");
        stdout.Write(ModelMarkdown.Section(type));
        return ExitCodes.Done;
    }

    /// <summary>The <paramref name="count"/> known names nearest to <paramref name="type"/> (edit distance, ignoring case; a name containing it first).</summary>
    public static IReadOnlyList<string> Closest(string type, int count)
    {
        var wanted = type.ToLowerInvariant();
        return ModelCatalog.Names
            .Select(n => (Name: n, Contains: wanted.Length > 0 && n.Contains(type, StringComparison.OrdinalIgnoreCase), Distance: Distance(wanted, n.ToLowerInvariant())))
            .OrderBy(c => c.Contains ? 0 : 1).ThenBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(count).Select(c => c.Name).ToList();
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
