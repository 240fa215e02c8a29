using EventSpike.Neurons.Models;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>eventspike models</c>: every model type a network file can name (aliases included), one per
/// line: name, family, output kind and a one-line summary, in name order. The documentation comes
/// from <see cref="ModelCatalog.Document"/>; <c>eventspike describe TYPE</c> gives one in full.
/// </summary>
public static class ModelsCommand
{
    public const string UsageLine = "usage: eventspike models";

    public static int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var a = CommandSpecs.Models.Parse(args);
        if (a.Positional.Count != 0) throw new InputException($"models takes no arguments, got '{a.Positional[0]}' ({UsageLine}; eventspike describe TYPE describes one)");
        var names = ModelCatalog.Names;
        var nameWidth = names.Max(n => n.Length);
        var families = names.ToDictionary(n => n, n => ModelCatalog.Document(n).Family);
        var familyWidth = families.Values.Max(f => f.Length);
        foreach (var name in names)
        {
            var info = ModelCatalog.Describe(name);
            var output = info.IsSource ? "source" : info.OutputKind == SignalKind.Spikes ? "spikes" : "continuous";
            stdout.WriteLine($"{name.PadRight(nameWidth)}  {families[name].PadRight(familyWidth)}  {output,-10}  {ModelCatalog.Document(name).Summary}");
        }
        stdout.WriteLine();
        stdout.WriteLine($"{names.Count} model types; eventspike describe TYPE gives one's equations, parameters, ports and state.");
        return ExitCodes.Done;
    }
}
