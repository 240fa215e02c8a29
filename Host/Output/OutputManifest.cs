using System.Text.Json;
using EventSpike.Host.Cli;

namespace EventSpike.Host.Output;

/// <summary>
/// <c>DIR/outputs.json</c>: the id of the run that owns an output folder and the names of the files it
/// writes there (written, atomically, before the run writes any of them). The next run into the folder
/// removes exactly these files, never others.
/// </summary>
public sealed record OutputManifest(string RunId, IReadOnlyList<string> Files)
{
    /// <summary>The manifest's name in the output folder.</summary>
    public const string FileName = "outputs.json";

    public static string PathIn(string dir) => Path.Combine(dir, FileName);

    public void Save(string dir) => AtomicFile.WriteAllText(PathIn(dir), JsonSerializer.Serialize(this, OutputManifestJson.Default.OutputManifest));

    /// <summary>The folder's manifest; null when there is none (a new folder, or one from before manifests).</summary>
    /// <exception cref="InputException">The manifest is there but does not read as one (naming it and the line).</exception>
    public static OutputManifest? Load(string dir)
    {
        var path = PathIn(dir);
        if (!File.Exists(path)) return null;
        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllText(path), OutputManifestJson.Default.OutputManifest);
            if (manifest?.RunId is null || manifest.Files is null) throw new InputException($"{path}: not a list of a run's outputs (run_id and files are needed)");
            if (manifest.Files.FirstOrDefault(f => !IsPlainName(f)) is { } bad)
                throw new InputException($"{path}: '{bad}' is not the name of a file in the folder; nothing was removed");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: line {(e.LineNumber ?? 0) + 1}: not a list of a run's outputs: {e.Message}");
        }
    }

    /// <summary>A file directly in the folder: no directory part, not <c>.</c> or <c>..</c>.</summary>
    private static bool IsPlainName(string name) =>
        name.Length > 0 && name is not ("." or "..") && Path.GetFileName(name) == name && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
}
