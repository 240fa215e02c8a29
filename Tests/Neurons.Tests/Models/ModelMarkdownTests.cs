using EventSpike.Neurons.Models;
using EventSpike.Tests.Common;
using Xunit;

namespace EventSpike.Neurons.Tests.Models;

/// <summary><c>docs/models.md</c> is what <see cref="ModelMarkdown.Document"/> generates from the code, and it covers every class.</summary>
public class ModelMarkdownTests
{
    /// <summary>Set to 1 to (re)write docs/models.md from the code instead of comparing.</summary>
    public const string WriteVariable = "EVENTSPIKE_WRITE_MODELS_DOC";

    private static string FilePath => Path.Combine(SharedFiles.RepositoryRoot, "docs", "models.md");

    [Fact]
    public void Docs_models_md_is_what_the_code_generates()
    {
        var generated = ModelMarkdown.Document();
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1") File.WriteAllText(FilePath, generated);
        var hint = $"docs/models.md differs from the documentation in the code (ModelCatalog.Document). Regenerate it with `{ModelMarkdown.RegenerateCommand}` " +
                   $"or `{WriteVariable}=1 dotnet test Tests/Neurons.Tests --filter ModelMarkdownTests`.";
        Assert.True(File.Exists(FilePath), hint);
        var onDisk = File.ReadAllText(FilePath).Replace("\r\n", "\n");
        if (onDisk == generated) return;
        var a = onDisk.Split('\n');
        var b = generated.Split('\n');
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        Assert.Fail($"{hint}\nFirst difference at line {line + 1}:\n  file: {(line < a.Length ? a[line] : "<end>")}\n  code: {(line < b.Length ? b[line] : "<end>")}");
    }

    [Fact]
    public void The_reference_has_a_table_row_and_a_section_for_every_class_with_its_parameters_and_state()
    {
        var text = ModelMarkdown.Document();
        foreach (var name in ModelCatalog.Names)
        {
            Assert.Contains($"| [`{name}`](#{ModelMarkdown.Anchor(name)}) |", text);
            Assert.Contains($"\n## `{name}`\n", text);
            var section = ModelMarkdown.Section(name);
            foreach (var p in ModelCatalog.Document(name).Parameters) Assert.Contains($"| `{p.Name}` |", section);
            foreach (var s in ModelCatalog.Document(name).State) Assert.Contains($"| `{s.Name}` |", section);
        }
    }

    [Fact]
    public void A_section_gives_equations_integration_defaults_units_ports_state_and_source_ness()
    {
        var lif = ModelMarkdown.Section("LIF");
        Assert.StartsWith("# `LIF`\n", lif);
        Assert.Contains("τ_mem dV/dt = −(V − v_rest) + I_syn + bias + I_in(t)", lif);
        Assert.Contains("Integration:\n\n```text\nExact over each step", lif);
        Assert.Contains("| `tau_mem` | `0.02` | s | membrane time constant (> 0) |", lif);
        Assert.Contains("| `syn` | spikes |", lif);
        Assert.Contains("| `current` | current |", lif);
        Assert.Contains("| `v_mem` | V |", lif);
        Assert.Contains("Source: no.", lif);
        var poisson = ModelMarkdown.Section("PoissonSource");
        Assert.Contains("Source: yes", poisson);
        Assert.Contains("Input ports: none (a source).", poisson);
        Assert.Contains("| `weights_in` | **required** |", ModelMarkdown.Section("RecDIAF"));
        Assert.Contains("Backends: cpu, gpu.", ModelMarkdown.Section("iaf_psc_exp"));
    }
}
