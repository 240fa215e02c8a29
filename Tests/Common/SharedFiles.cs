namespace EventSpike.Tests.Common;

/// <summary>
/// Finds the team's shared folder (reference outputs and recorded data) beside the repository:
/// <c>../shared</c> from the folder holding EventSpike.sln. Tests that need it skip clearly when absent.
/// </summary>
public static class SharedFiles
{
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EventSpike.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("EventSpike.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The path of <paramref name="relative"/> under shared/, or null when it is not there.</summary>
    public static string? Find(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", relative));
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }
}
