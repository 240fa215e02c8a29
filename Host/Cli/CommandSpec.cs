namespace EventSpike.Host.Cli;

/// <summary>
/// A command's table: its name, what it does, its usage lines and every option it takes. The parser reads
/// its known options from here (<see cref="Parse"/>) and <c>--help</c> prints from here (<see cref="Help"/>),
/// so what the help says and what the parser accepts are the same list. System.CommandLine does the parsing,
/// the help's option list, typo corrections and completions from a command it builds from this table
/// (<see cref="CommandTree"/>): a new option is one more entry here, nothing else.
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
        var parsed = new ParsedArguments(this, args);
        foreach (var option in Options.Where(o => o.NotYet))
            if (parsed.Flag(option.Name) || parsed.All(option.Name).Count > 0)
                throw new InputException($"{Name}: --{option.Name} is not available in this version yet");
        return parsed;
    }

    /// <summary>The text of <c>eventspike NAME --help</c>: usage, summary, then System.CommandLine's list of the options.</summary>
    public string Help() => CommandTree.Help(this);
}
