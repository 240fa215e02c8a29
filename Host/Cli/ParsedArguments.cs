using System.Globalization;

namespace EventSpike.Host.Cli;

/// <summary>
/// Options and positional arguments of one command, read against the options that command's table
/// (<see cref="CommandSpec"/>) declares: <c>--name value</c>, <c>--name=value</c>, flags, and options that
/// may repeat. System.CommandLine tokenizes and matches (<see cref="CommandTree"/>); this class turns what
/// it found, or could not match, into the values the commands read and the one-line errors of the contract
/// (an unknown option names the known ones and System.CommandLine's nearest; a value option without its
/// value; a flag given a value) — all bad input, exit 2.
/// </summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="args"/> against the options named (a table of them without descriptions).</summary>
    public ParsedArguments(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions,
        IReadOnlyCollection<string> flagOptions)
        : this(new CommandSpec(command, "", [], [
            .. valueOptions.Select(o => new OptionSpec(o, "VALUE", "")),
            .. flagOptions.Select(o => new OptionSpec(o, null, "")),
        ]), args)
    {
    }

    /// <summary>Reads <paramref name="args"/> (the words after the command's name) against <paramref name="spec"/>.</summary>
    internal ParsedArguments(CommandSpec spec, IReadOnlyList<string> args)
    {
        Command = spec.Name;
        foreach (var a in args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.IndexOf('=') > 2))
            if (spec.Options.Any(o => o.IsFlag && o.Name == a[2..a.IndexOf('=')]))
                throw new InputException($"{Command}: option {a[..a.IndexOf('=')]} takes no value");
        var command = CommandTree.Command(spec);
        var result = command.Parse([spec.Name, .. args], CommandTree.Configuration);
        var positional = new List<string>();
        foreach (var token in result.UnmatchedTokens)
        {
            if (token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2) throw UnknownOption(command, spec, token);
            positional.Add(token);
        }
        for (var i = 0; i < spec.Options.Count; i++)
        {
            var name = spec.Options[i].Name;
            if (result.GetResult(command.Options[i]) is not { Implicit: false } found) continue; // a flag not given has an implicit result
            if (spec.Options[i].IsFlag) _flags.Add(name);
            else if (found.Tokens.Count == 0) throw new InputException($"{Command}: option --{name} needs a value");
            else _values[name] = found.Tokens.Select(t => t.Value).ToList();
        }
        if (result.Errors.FirstOrDefault(e => e.SymbolResult is not System.CommandLine.Parsing.CommandResult) is { } error)
            throw new InputException($"{Command}: {error.Message}");
        Positional = positional;
    }

    /// <summary>An unknown option: System.CommandLine's nearest known ones, then every known one.</summary>
    private static InputException UnknownOption(System.CommandLine.Command command, CommandSpec spec, string token)
    {
        var name = token.IndexOf('=') is var eq and > 2 ? token[..eq] : token;
        var corrections = CommandTree.Corrections(command, name);
        var hint = corrections.Count > 0 ? $" (did you mean {string.Join(" or ", corrections)}?)" : "";
        var known = string.Join(", ", spec.Options.Select(o => "--" + o.Name).Order(StringComparer.Ordinal));
        return new InputException($"{spec.Name}: unknown option {name}{hint}; known: {known}");
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
