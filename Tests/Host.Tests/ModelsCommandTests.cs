using EventSpike.Neurons.Models;
using EventSpike.Tests.Common;
using Xunit;

namespace EventSpike.Host.Tests;

/// <summary><c>eventspike models</c> and <c>eventspike describe</c>: the model documentation from the command line.</summary>
public class ModelsCommandTests
{
    [Fact]
    public void Models_lists_every_type_with_its_family_and_summary_and_exits_0()
    {
        var (code, stdout, stderr) = HostRunner.Run("models");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in ModelCatalog.Names)
        {
            var line = Assert.Single(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
            Assert.Contains(ModelCatalog.Document(name).Family, line);
            Assert.Contains(ModelCatalog.Document(name).Summary, line);
        }
        Assert.Contains(lines, l => l.StartsWith("PoissonSource ", StringComparison.Ordinal) && l.Contains(" source "));
        Assert.Contains($"{ModelCatalog.Names.Count} model types", stdout);
    }

    [Fact]
    public void Describe_prints_equations_integration_parameters_ports_state_and_source_ness()
    {
        var (code, stdout, _) = HostRunner.Run("describe", "iaf_psc_exp");
        Assert.Equal(0, code);
        Assert.Contains("# `iaf_psc_exp`", stdout);
        Assert.Contains("Family: NEST-named", stdout);
        Assert.Contains("τ_syn_exc dI_exc/dt = −I_exc", stdout);
        Assert.Contains("Integration:\n\n```text\nExact", stdout);
        Assert.Contains("| `tau_syn_exc` | `0.005` | s |", stdout);
        Assert.Contains("| `v_thresh` | `-0.05` | V |", stdout);
        Assert.Contains("| `exc` | spikes |", stdout);
        Assert.Contains("| `i_exc` |", stdout);
        Assert.Contains("Source: no.", stdout);
        var poisson = HostRunner.Run("describe", "PoissonSource");
        Assert.Equal(0, poisson.Code);
        Assert.Contains("Source: yes", poisson.Out);
        Assert.Contains("| `rate` | `10` | Hz |", poisson.Out);
    }

    [Fact]
    public void Describe_of_an_unknown_type_is_exit_2_naming_it_and_the_closest_names()
    {
        var (code, stdout, stderr) = HostRunner.Run("describe", "iaf_psc_expp");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("unknown model type 'iaf_psc_expp'", stderr);
        Assert.Contains("closest: iaf_psc_exp", stderr);
        var lower = HostRunner.Run("describe", "lif");
        Assert.Equal(2, lower.Code);
        Assert.Contains("closest: LIF", lower.Err);
        Assert.Equal(2, HostRunner.Run("describe").Code);
    }

    [Fact]
    public void Describe_markdown_prints_docs_models_md()
    {
        var (code, stdout, _) = HostRunner.Run("describe", "--markdown");
        Assert.Equal(0, code);
        Assert.Equal(ModelMarkdown.Document(), stdout);
        var file = File.ReadAllText(Path.Combine(SharedFiles.RepositoryRoot, "docs", "models.md")).Replace("\r\n", "\n");
        Assert.Equal(file, stdout);
    }

    [Fact]
    public void The_usage_names_models_and_describe()
    {
        var (code, stdout, _) = HostRunner.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("eventspike models", stdout);
        Assert.Contains("eventspike describe TYPE", stdout);
    }
}
