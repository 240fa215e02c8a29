using EventSpike.Host.Cli;
using Xunit;

namespace EventSpike.Host.Tests;

/// <summary><c>--version</c>, <c>--help</c> and <c>COMMAND --help</c>: exit codes, and help that names what the parser accepts.</summary>
public class HelpAndVersionTests
{
    public static TheoryData<string> Commands => new(CommandSpecs.All.Select(c => c.Name));

    [Theory]
    [InlineData("--version")]
    [InlineData("-V")]
    public void Version_prints_the_name_and_version_and_exits_0(string flag)
    {
        var (code, stdout, _) = HostRunner.Run(flag);
        Assert.Equal(ExitCodes.Done, code);
        Assert.Equal("eventspike 0.3.0", stdout.Trim());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_help_names_every_option_the_command_accepts(string command)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var (code, stdout, stderr) = HostRunner.Run(command, flag);
            Assert.Equal(ExitCodes.Done, code);
            Assert.Equal("", stderr);
            Assert.Contains("usage: eventspike " + command, stdout);
            foreach (var option in CommandSpecs.Find(command)!.Options)
                Assert.Contains("--" + option.Name + " ", stdout);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Parser_accepts_exactly_the_options_in_the_help(string command)
    {
        var (_, _, stderr) = HostRunner.Run(command, "--no-such-option");
        var known = stderr[(stderr.IndexOf("known:", StringComparison.Ordinal) + "known:".Length)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order();
        var help = HostRunner.Run(command, "--help").Out.Split('\n')
            .Select(l => l.Trim()).Where(l => l.StartsWith("--", StringComparison.Ordinal) && !l.StartsWith("--help", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[0]).Order();
        if (CommandSpecs.Find(command)!.Options.Count == 0) Assert.Contains("unknown option --no-such-option", stderr);
        else Assert.Equal(help, known);
    }

    [Fact]
    public void Top_level_usage_lists_every_option_and_marks_what_is_not_yet()
    {
        var (code, stdout, _) = HostRunner.Run("--help");
        Assert.Equal(ExitCodes.Done, code);
        foreach (var option in CommandSpecs.All.SelectMany(c => c.Options))
            Assert.Contains("--" + option.Name, stdout);
        foreach (var option in new[] { "--shard-size", "--max-memory", "--backend", "--version" })
            Assert.Contains(option, stdout);
        // --energy and device-server are both there now: nothing is marked "not yet"
        Assert.DoesNotContain(stdout.Split('\n'), l => l.Contains("not yet", StringComparison.Ordinal));
        Assert.Equal(2, stdout.Split("--energy").Length);
        Assert.Contains("eventspike device-server [--host 127.0.0.1]", stdout);
    }

    [Fact]
    public void An_unknown_energy_device_is_refused_as_bad_input()
    {
        var (code, _, stderr) = HostRunner.Run("run", HostRunner.Example("brunel-ei.json"), "--energy", "x");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("unknown device 'x'", stderr);
    }
}
