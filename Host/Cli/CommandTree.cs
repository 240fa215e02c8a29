using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;

namespace EventSpike.Host.Cli;

/// <summary>
/// System.CommandLine's picture of the command tables (<see cref="CommandSpecs"/>): one <see cref="Command"/>
/// per <see cref="CommandSpec"/>, one <see cref="Option"/> per <see cref="OptionSpec"/> (a flag takes no value;
/// a value option takes one value per occurrence and may repeat, the command decides whether it may). The
/// tables stay the one place an option is declared; this only translates them, so System.CommandLine parses,
/// suggests corrections for a mistyped option and completes (<c>eventspike [suggest] run --du</c>).
/// Response files (<c>@FILE</c>) and POSIX bundling are off: an argument means what it says.
/// </summary>
internal static partial class CommandTree
{
    /// <summary>How every command line is tokenized.</summary>
    public static ParserConfiguration Configuration => new() { EnablePosixBundling = false, ResponseFileTokenReplacer = null };

    /// <summary><c>eventspike</c> with every command of <see cref="CommandSpecs.All"/> (for directives and completions).</summary>
    public static RootCommand Root()
    {
        var root = new RootCommand("EventSpike: spiking neural networks on actors");
        foreach (var spec in CommandSpecs.All) root.Add(Command(spec));
        return root;
    }

    /// <summary>
    /// <c>eventspike [suggest] run --du</c> or <c>eventspike [suggest:POSITION] "eventspike run --du"</c>
    /// (the directive dotnet-suggest sends): System.CommandLine's completions, one a line, exit 0.
    /// </summary>
    public static int Suggest(string[] args, TextWriter stdout)
    {
        if (args is ["[suggest]", _, ..])
        {
            var line = "eventspike " + string.Join(' ', args[1..]);  // the cursor at its end
            args = [$"[suggest:{line.Length}]", line];
        }
        var root = Root();
        if (!root.Directives.OfType<System.CommandLine.Completions.SuggestDirective>().Any()) root.Add(new System.CommandLine.Completions.SuggestDirective());
        return root.Parse(args, Configuration)
            .Invoke(new InvocationConfiguration { Output = stdout, Error = stdout, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The command a table describes.</summary>
    public static Command Command(CommandSpec spec)
    {
        var command = new Command(spec.Name, spec.Summary) { TreatUnmatchedTokensAsErrors = true };
        foreach (var option in spec.Options) command.Add(Option(option));
        return command;
    }

    /// <summary>The option a table entry describes: <c>--name</c>, its value's placeholder, its help line and, for a choice such as <c>stop|resume</c>, its completions.</summary>
    public static Option Option(OptionSpec spec)
    {
        Option option = spec.IsFlag
            ? new Option<bool>("--" + spec.Name) { Arity = ArgumentArity.Zero }
            : new Option<string[]>("--" + spec.Name) { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false, HelpName = spec.Value };
        option.Description = (spec.NotYet ? "(not yet) " : "") + spec.Description;
        if (spec.Value is { } value && Choice().IsMatch(value)) option.CompletionSources.Add(value.Split('|'));
        return option;
    }

    /// <summary>
    /// System.CommandLine's typo correction for <paramref name="token"/> (an option the command does not know):
    /// the known options it suggests, best first (none when nothing is close).
    /// </summary>
    public static IReadOnlyList<string> Corrections(Command command, string token)
    {
        var result = command.Parse([command.Name, token], Configuration);
        if (result.Action is not ParseErrorAction action) return [];
        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        var output = new StringWriter();
        result.Invoke(new InvocationConfiguration { Output = output, Error = TextWriter.Null, EnableDefaultExceptionHandler = false });
        var known = command.Options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        return output.ToString().Split('\n').Select(l => l.Trim()).Where(known.Contains).Distinct().ToList();
    }

    /// <summary>System.CommandLine's typo correction for a command word <paramref name="word"/> that is none: the commands it suggests.</summary>
    public static IReadOnlyList<string> CommandCorrections(string word)
    {
        var root = Root();
        var result = root.Parse([word], Configuration);
        if (result.Action is not ParseErrorAction action) return [];
        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        var output = new StringWriter();
        result.Invoke(new InvocationConfiguration { Output = output, Error = TextWriter.Null, EnableDefaultExceptionHandler = false });
        var known = root.Subcommands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return output.ToString().Split('\n').Select(l => l.Trim()).Where(known.Contains).Distinct().ToList();
    }

    /// <summary>
    /// The help for the table: its usage lines and summary, then System.CommandLine's section of the options
    /// (each with its placeholder and description, never wrapped, so one option is one line).
    /// </summary>
    public static string Help(CommandSpec spec)
    {
        var command = Command(spec);
        var help = new HelpOption { Description = "this help" };
        if (help.Action is HelpAction action) action.MaxWidth = 1000;
        command.Options.Add(help);
        var output = new StringWriter();
        command.Parse([spec.Name, "--help"], Configuration)
            .Invoke(new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false });
        var lines = output.ToString().Replace("\r\n", "\n").Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith("  -", StringComparison.Ordinal));
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < spec.Usage.Count; i++) text.Append(i == 0 ? "usage: " : "       ").Append("eventspike ").Append(spec.Usage[i]).Append('\n');
        text.Append('\n').Append(spec.Summary).Append("\n\n");
        foreach (var line in lines[Math.Max(0, first - 1)..]) text.Append(line.TrimEnd()).Append('\n');
        return text.ToString().TrimEnd('\n') + "\n";
    }

    [GeneratedRegex("^[a-z0-9-]+(\\|[a-z0-9-]+)+$")]
    private static partial Regex Choice();
}
