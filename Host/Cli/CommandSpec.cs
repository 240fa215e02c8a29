namespace EventSpike.Host.Cli;

/// <summary>
/// A command's table: its name, what it does, its usage lines and every option it takes. The parser reads
/// its known options from here (<see cref="Parse"/>) and <c>--help</c> prints from here (<see cref="Help"/>),
/// so what the help says and what the parser accepts are the same list.
/// </summary>
public sealed class CommandSpec(string name, string summary, IReadOnlyList<string> usage, IReadOnlyList<OptionSpec> options)
{
    /// <summary>The command's word: <c>run</c>, <c>node</c>, …</summary>
    public string Name { get; } = name;

    /// <summary>One sentence: what the command does.</summary>
    public string Summary { get; } = summary;

    /// <summary>The usage lines, without the leading <c>eventspike</c>.</summary>
    public IReadOnlyList<string> Usage { get; } = usage;

    /// <summary>Every option the command takes, in the order help lists them.</summary>
    public IReadOnlyList<OptionSpec> Options { get; } = options;

    /// <summary>The names of the options that take a value.</summary>
    public IReadOnlyList<string> ValueOptions => Options.Where(o => !o.IsFlag).Select(o => o.Name).ToList();

    /// <summary>The names of the flags.</summary>
    public IReadOnlyList<string> FlagOptions => Options.Where(o => o.IsFlag).Select(o => o.Name).ToList();

    /// <summary>Reads <paramref name="args"/> against this table; a not-yet option is refused as bad input.</summary>
    public ParsedArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new ParsedArguments(Name, args, ValueOptions, FlagOptions);
        foreach (var option in Options.Where(o => o.NotYet))
            if (parsed.Flag(option.Name) || parsed.All(option.Name).Count > 0)
                throw new InputException($"{Name}: --{option.Name} is not available in this version yet");
        return parsed;
    }

    /// <summary>The text of <c>eventspike NAME --help</c>: usage, summary, one line per option.</summary>
    public string Help()
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < Usage.Count; i++) text.Append(i == 0 ? "usage: " : "       ").Append("eventspike ").AppendLine(Usage[i]);
        text.AppendLine().AppendLine(Summary);
        if (Options.Count > 0) text.AppendLine().AppendLine("options:");
        foreach (var option in Options) text.AppendLine(option.HelpLine());
        text.AppendLine("  " + "-h, --help".PadRight(32) + " this help");
        return text.ToString();
    }
}
