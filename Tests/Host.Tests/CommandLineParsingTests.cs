using EventSpike.Host.Cli;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>
/// The command line as System.CommandLine reads it from the tables: the contract's errors (exit 2, naming
/// the option), its typo corrections and completions, and values that look like options.
/// </summary>
public class CommandLineParsingTests
{
    private static readonly CommandSpec Table = new("demo", "a demo", ["demo [OPTIONS]"],
    [
        new OptionSpec("duration", "S", "seconds"),
        new OptionSpec("v-reset", "MV", "a potential"),
        new OptionSpec("input", "L=F", "may repeat"),
        new OptionSpec("no-plot", null, "a flag"),
        new OptionSpec("mode", "fast|slow", "a choice"),
    ]);

    [Fact]
    public void Values_positionals_repeats_and_negative_numbers_are_read_as_the_old_parser_read_them()
    {
        var a = Table.Parse(["net.json", "--duration", "0.5", "--v-reset=-70", "--input", "a=x.npz", "--no-plot", "-3",
            "--input=b=y.npz", "--no-plot", "--mode", "slow"]);
        Assert.Equal(["net.json", "-3"], a.Positional);
        Assert.Equal(0.5, a.Seconds("duration"));
        Assert.Equal("-70", a.Value("v-reset"));
        Assert.Equal(["a=x.npz", "b=y.npz"], a.All("input"));
        Assert.True(a.Flag("no-plot"));
        Assert.Equal("slow", a.Value("mode"));
        Assert.False(a.Flag("realtime"));
    }

    [Theory]
    [InlineData("demo: unknown option --durration (did you mean --duration?); known: --duration, --input, --mode, --no-plot, --v-reset", "--durration", "1")]
    [InlineData("demo: option --duration needs a value", "x", "--duration")]
    [InlineData("demo: option --no-plot takes no value", "--no-plot=yes")]
    [InlineData("demo: option --duration is given 2 times", "--duration", "1", "--duration", "2")]
    public void Bad_options_are_bad_input_naming_the_option(string message, params string[] args)
    {
        var e = Assert.Throws<InputException>(() =>
        {
            var a = Table.Parse(args);
            a.Value("duration");
        });
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_mistyped_option_of_a_real_command_is_exit_2_with_a_correction()
    {
        var (code, _, err) = Run("run", Example("brunel-ei.json"), "--duratoin", "1");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("run: unknown option --duratoin (did you mean --duration?)", err);
    }

    [Fact]
    public void A_mistyped_command_is_exit_2_with_a_correction()
    {
        var (code, _, err) = Run("rnu", "x.json");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("unknown command 'rnu' (did you mean run?); commands:", err);
    }

    [Fact]
    public void The_suggest_directive_completes_commands_options_and_choices()
    {
        Assert.Equal(["--duration"], Lines(Run("[suggest]", "run", "--du")));
        Assert.Contains("describe", Lines(Run("[suggest]", "des")));
        Assert.Equal(["cpu", "cuda", "ilgpu-cpu"], Lines(Run("[suggest]", "run", "--backend", "")));
        Assert.Equal(["--duration"], Lines(Run("[suggest:19]", "eventspike run --du")));
    }

    [Fact]
    public void Help_gives_one_line_per_option_with_its_placeholder_from_the_table()
    {
        var help = Table.Help();
        Assert.StartsWith("usage: eventspike demo [OPTIONS]\n\na demo\n", help);
        Assert.Matches(@"\n  --duration <S> +seconds\n", help);
        Assert.Matches(@"\n  --no-plot +a flag\n", help);
        Assert.Matches(@"--help +this help\n", help);
    }

    private static string[] Lines((int Code, string Out, string Err) r)
    {
        Assert.True(r.Code == 0, r.Err);
        return r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
