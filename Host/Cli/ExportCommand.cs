using EventSpike.Host.NetworkFiles;
using EventSpike.Routing.Nir;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>eventspike export NETWORK.json --nir OUT.nir [--dt S]</c>: writes a network (EventSpike or Rockpool
/// JSON, or a NIR graph read with --dt) as a NIR graph (docs/nir.md). A layer with no NIR equivalent is exit 2, naming it;
/// nothing is written then.
/// </summary>
public static class ExportCommand
{
    public const string UsageLine = "usage: eventspike export NETWORK.json --nir OUT.nir [--dt S]";

    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var a = CommandSpecs.Export.Parse(args);
        if (a.Positional.Count != 1 || a.Value("nir") is not { } output) throw new InputException(UsageLine);
        var path = a.Positional[0];
        var dt = a.Seconds("dt");
        var spec = File.Exists(path) && NirFile.Looks(path)
            ? NirNetworkFile.Load(path, NirNetworkFile.Options(path, dt, a.Value("nir-reset"), a.Value("nir-method"), a.Value("nir-spikes"))).Spec
            : NetworkFile.Load(path);
        if (dt is { } step) spec = spec with { Dt = step };
        if (double.IsNaN(spec.Dt)) throw new InputException($"{path}: dt: missing 'dt'; give it in the file or with --dt");
        if (double.IsNaN(spec.Duration)) spec = spec with { Duration = spec.Dt };
        var network = NetworkBuilder.Compile(spec, path);
        NirGraph graph;
        try
        {
            graph = NirExport.FromNetwork(network);
        }
        catch (NirExportException e)
        {
            throw new InputException($"{path}: {e.Message}");
        }
        try
        {
            NirFile.Write(output, graph);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--nir {output}: cannot write: {e.Message}");
        }
        stdout.WriteLine($"{path}: {graph.Nodes.Count} NIR nodes, {graph.Edges.Count} edges written to {output}");
        return ExitCodes.Done;
    }
}
