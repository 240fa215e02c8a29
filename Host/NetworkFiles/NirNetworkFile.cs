using System.Text;
using EventSpike.Host.Cli;
using EventSpike.Routing.Nir;

namespace EventSpike.Host.NetworkFiles;

/// <summary>
/// A NIR graph given where a network file is expected (<c>run MODEL.nir</c>): read, converted into
/// EventSpike's network JSON (the text a cluster's workers receive: they never see the HDF5 bytes)
/// with the run's step, reset and integration method. Bad files are exit 2 naming node and field.
/// </summary>
public static class NirNetworkFile
{
    /// <summary>The converted network's JSON text and what the conversion warns about.</summary>
    public static (string Json, IReadOnlyList<string> Warnings) Convert(string path, NirImportOptions options)
    {
        if (!File.Exists(path)) throw new InputException(Directory.Exists(path) ? $"{path}: is a folder, not a NIR file" : $"{path}: NIR file not found");
        try
        {
            var graph = NirFile.Read(path);
            var result = NirConverter.ToNetwork(graph, options, Path.GetFileNameWithoutExtension(path), path);
            return (result.Network.ToJsonString(), result.Warnings);
        }
        catch (NirFormatException e)
        {
            throw new InputException(e.Message);
        }
    }

    /// <summary>The options of <c>run</c>: <c>--dt</c> (required), <c>--nir-reset</c>, <c>--nir-method</c>, <c>--nir-spikes</c>.</summary>
    public static NirImportOptions Options(string path, double? dt, string? reset, string? method, string? spikes)
    {
        if (dt is not { } step) throw new InputException($"{path}: dt: a NIR graph has no step; give --dt (seconds, e.g. --dt 0.0001)");
        reset ??= "zero";
        method ??= "exact";
        if (!NirImportOptions.Resets.Contains(reset)) throw new InputException($"--nir-reset must be {string.Join(" or ", NirImportOptions.Resets)}, got '{reset}'");
        if (!NirImportOptions.Methods.Contains(method)) throw new InputException($"--nir-method must be {string.Join(" or ", NirImportOptions.Methods)}, got '{method}'");
        spikes ??= "value";
        if (!NirImportOptions.SpikeForms.Contains(spikes)) throw new InputException($"--nir-spikes must be {string.Join(" or ", NirImportOptions.SpikeForms)}, got '{spikes}'");
        return new NirImportOptions(step, reset, method, spikes);
    }

    /// <summary>The network a NIR path describes, as a spec and as JSON text, and what the conversion warns about.</summary>
    public static (Routing.Network.NetworkSpec Spec, string Json, IReadOnlyList<string> Warnings) Load(string path, NirImportOptions options)
    {
        var (json, warnings) = Convert(path, options);
        return (NetworkFile.Parse(Encoding.UTF8.GetBytes(json), path), json, warnings);
    }
}
