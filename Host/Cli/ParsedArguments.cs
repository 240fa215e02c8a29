using System.Globalization;

namespace EventSpike.Host.Cli;

/// <summary>
/// Options and positional arguments of one command, read against the options that command
/// knows: <c>--name value</c>, <c>--name=value</c>, flags, and options that may repeat.
/// </summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public ParsedArguments(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions,
        IReadOnlyCollection<string> flagOptions)
    {
        Command = command;
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a == "--")
            {
                positional.Add(a);
                continue;
            }
            var eq = a.IndexOf('=');
            var name = eq > 0 ? a[2..eq] : a[2..];
            if (flagOptions.Contains(name))
            {
                if (eq > 0) throw new InputException($"{command}: option --{name} takes no value");
                _flags.Add(name);
                continue;
            }
            if (!valueOptions.Contains(name))
            {
                var known = string.Join(", ", valueOptions.Concat(flagOptions).Order().Select(o => "--" + o));
                throw new InputException($"{command}: unknown option --{name}; known: {known}");
            }
            string value;
            if (eq > 0) value = a[(eq + 1)..];
            else if (i + 1 < args.Count) value = args[++i];
            else throw new InputException($"{command}: option --{name} needs a value");
            if (!_values.TryGetValue(name, out var list)) _values[name] = list = new List<string>();
            list.Add(value);
        }
        Positional = positional;
    }

    public string Command { get; }
    public IReadOnlyList<string> Positional { get; }

    public bool Flag(string name) => _flags.Contains(name);

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var v) ? v : [];

    public string? Value(string name)
    {
        var all = All(name);
        if (all.Count > 1) throw new InputException($"{Command}: option --{name} is given {all.Count} times");
        return all.Count == 1 ? all[0] : null;
    }

    /// <summary>A positive finite number of seconds, or null when absent.</summary>
    public double? Seconds(string name)
    {
        var v = Value(name);
        if (v is null) return null;
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || double.IsNaN(x) || double.IsInfinity(x))
            throw new InputException($"{Command}: --{name} must be a number of seconds, got '{v}'");
        if (x <= 0) throw new InputException($"{Command}: --{name} must be > 0, got {v}");
        return x;
    }

    public long? Integer(string name, long min = long.MinValue)
    {
        var v = Value(name);
        if (v is null) return null;
        if (!long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x))
            throw new InputException($"{Command}: --{name} must be a whole number, got '{v}'");
        if (x < min) throw new InputException($"{Command}: --{name} must be ≥ {min}, got {v}");
        return x;
    }
}
