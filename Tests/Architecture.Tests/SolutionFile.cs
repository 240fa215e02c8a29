using System.Text.RegularExpressions;

namespace EventSpike.Architecture.Tests;

/// <summary>The project files listed in EventSpike.sln (solution folders left out), as full paths.</summary>
public static partial class SolutionFile
{
    [GeneratedRegex("""^Project\("\{[^}]+\}"\)\s*=\s*"[^"]*"\s*,\s*"(?<path>[^"]+\.csproj)"\s*,""", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();

    public static IReadOnlyList<string> Projects(string solutionPath)
    {
        var folder = Path.GetDirectoryName(solutionPath)!;
        return ProjectLine().Matches(File.ReadAllText(solutionPath))
            .Select(m => Path.GetFullPath(Path.Combine(folder, m.Groups["path"].Value.Replace('\\', '/'))))
            .ToList();
    }
}
