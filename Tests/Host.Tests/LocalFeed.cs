namespace EventSpike.Host.Tests;

/// <summary>
/// The repository's projects packed (<c>dotnet pack --no-build</c>, the configuration these tests were built in) into a
/// folder: the local NuGet feed the package tests install from.
/// </summary>
public static class LocalFeed
{
    /// <summary>The libraries' packages, in dependency order.</summary>
    public static readonly string[] Libraries = ["Neurons", "Routing", "Actors"];

    /// <summary>Packs <paramref name="projects"/> into <paramref name="feed"/>; <paramref name="version"/> overrides the packages' version.</summary>
    public static void Pack(string feed, IEnumerable<string> projects, string? version = null)
    {
        foreach (var project in projects)
        {
            List<string> args = ["pack", project, "-c", ChildProcess.Configuration, "--no-build", "-o", feed];
            if (version is not null) args.Add($"-p:Version={version}");
            var (code, stdout, stderr) = ChildProcess.Run("dotnet", args, global::EventSpike.Tests.Common.SharedFiles.RepositoryRoot, TimeSpan.FromMinutes(5));
            if (code != 0) throw new InvalidOperationException($"dotnet pack {project}: exit {code}\n{stdout}\n{stderr}");
        }
    }

    /// <summary>NuGet's global packages folder (what restores on this machine have downloaded).</summary>
    public static string GlobalPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
