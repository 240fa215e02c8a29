namespace EventSpike.Host.Cli;

/// <summary>
/// One option a command takes: its name (without <c>--</c>), the placeholder for its value (null for a flag),
/// and the one line <c>--help</c> shows for it. <paramref name="NotYet"/> options are accepted by the parser
/// only to be refused with "not available in this version yet".
/// </summary>
public sealed record OptionSpec(string Name, string? Value, string Description, bool NotYet = false)
{
    /// <summary>A flag: an option that takes no value.</summary>
    public bool IsFlag => Value is null;

    /// <summary>The help line: <c>--name VALUE</c> padded, then the description.</summary>
    public string HelpLine()
    {
        var head = IsFlag ? "--" + Name : $"--{Name} {Value}";
        return $"  {head,-32} {(NotYet ? "(not yet) " : "")}{Description}";
    }
}
