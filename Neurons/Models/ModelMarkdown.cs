using System.Text;

namespace EventSpike.Neurons.Models;

/// <summary>
/// Renders <see cref="ModelCatalog"/>'s documentation as Markdown: <see cref="Document"/> is
/// <c>docs/models.md</c> (a table of every registered class, then a section per class) and
/// <see cref="Section"/> one class's section (what <c>eventspike describe TYPE</c> prints).
/// Deterministic: classes in name order, "\n" line ends.
/// </summary>
public static class ModelMarkdown
{
    /// <summary>How to rewrite <c>docs/models.md</c> from the code.</summary>
    public const string RegenerateCommand = "dotnet run --project Host -- describe --markdown > docs/models.md";

    /// <summary>The whole reference: a table of every class, then a section per class.</summary>
    public static string Document()
    {
        var text = new StringBuilder();
        text.Append("# EventSpike models\n\n");
        text.Append($"<!-- Generated from the code (ModelCatalog.Document); do not edit. Regenerate with: {RegenerateCommand} -->\n\n");
        text.Append("Every layer `type` a network file can name (see [network-format.md](network-format.md)), aliases included. ");
        text.Append("Parameters go in a layer's `params`; a per-neuron parameter takes one number for every neuron or a list of `size` numbers. ");
        text.Append("Units are SI; `R·I volts` is a current expressed as the voltage it gives across the membrane resistance. ");
        text.Append("Spikes produced while integrating step k are stamped (k+1)·dt. ");
        text.Append("`eventspike models` lists these classes; `eventspike describe TYPE` prints one section.\n\n");
        text.Append("| type | family | output | input ports | summary |\n|---|---|---|---|---|\n");
        foreach (var name in ModelCatalog.Names)
        {
            var info = ModelCatalog.Describe(name);
            var doc = ModelCatalog.Document(name);
            text.Append($"| [`{name}`](#{Anchor(name)}) | {Cell(doc.Family)} | {Output(info)} | {Ports(info)} | {Cell(doc.Summary)} |\n");
        }
        foreach (var name in ModelCatalog.Names) text.Append('\n').Append(Section(name, "##"));
        return text.ToString();
    }

    /// <summary>One class's section: family, summary, equations, integration, parameters, ports, state.</summary>
    /// <param name="heading">The Markdown heading level of the section's title.</param>
    public static string Section(string name, string heading = "#")
    {
        var info = ModelCatalog.Describe(name);
        var doc = ModelCatalog.Document(name);
        var text = new StringBuilder();
        text.Append($"{heading} `{name}`\n\n");
        text.Append($"{doc.Summary}\n\n");
        text.Append($"Family: {doc.Family}. Output: {Output(info)}. Source: {(info.IsSource ? "yes (no input ports)" : "no")}. ");
        text.Append($"Backends: {string.Join(", ", info.Backends.Order(StringComparer.Ordinal))}.\n\n");
        text.Append("Equations:\n\n```text\n").Append(Lines(doc.Equations)).Append("\n```\n\n");
        text.Append("Integration:\n\n```text\n").Append(Lines(doc.Integration)).Append("\n```\n\n");
        text.Append("| parameter | default | unit | meaning |\n|---|---|---|---|\n");
        foreach (var p in doc.Parameters)
            text.Append($"| `{p.Name}` | {Default(p)} | {Cell(p.Unit)} | {Cell(p.Meaning)} |\n");
        text.Append('\n');
        if (info.Ports.Count == 0) text.Append("Input ports: none (a source).\n\n");
        else
        {
            text.Append("| input port | kind | meaning |\n|---|---|---|\n");
            for (var i = 0; i < info.Ports.Count; i++)
                text.Append($"| `{info.Ports[i].Name}` | {Kind(info.Ports[i].Kind)} | {Cell(doc.Ports[i].Meaning)} |\n");
            text.Append('\n');
        }
        if (doc.State.Count == 0) text.Append("State variables: none.\n");
        else
        {
            text.Append("| state variable | unit | meaning |\n|---|---|---|\n");
            foreach (var s in doc.State) text.Append($"| `{s.Name}` | {Cell(s.Unit)} | {Cell(s.Meaning)} |\n");
        }
        return text.ToString();
    }

    /// <summary>GitHub's anchor of a section titled <c>`name`</c>.</summary>
    public static string Anchor(string name) => new(name.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is '_' or '-').ToArray());

    private static string Default(ParameterDoc p) =>
        p.IsRequired ? "**required**" : p.Default == "—" ? "—" : p.TryGetDefaultValue(out _) ? $"`{p.Default}`" : Cell(p.Default);

    private static string Output(ModelInfo info) => info.OutputKind == SignalKind.Spikes ? "spikes" : "continuous";

    private static string Kind(PortKind kind) => kind == PortKind.Spikes ? "spikes" : "current";

    private static string Ports(ModelInfo info) =>
        info.Ports.Count == 0 ? "none (source)" : string.Join(", ", info.Ports.Select(p => $"`{p.Name}` ({Kind(p.Kind)})"));

    private static string Lines(string text) => text.Replace("\r\n", "\n").Trim('\n');

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r\n", " ").Replace("\n", " ");
}
