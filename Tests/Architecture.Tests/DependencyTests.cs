using EventSpike.Tests.Common;
using Xunit;

namespace EventSpike.Architecture.Tests;

/// <summary>
/// DESIGN.md's dependency arrows, checked on the project files of every project in EventSpike.sln:
/// each references only the projects above it in <see cref="DesignTable"/> and only the packages its
/// row allows. Projects are found from the solution (and the solution is checked to list every
/// project file in the repository), so a new project cannot escape the rules.
/// </summary>
public class DependencyTests
{
    private static readonly string Root = SharedFiles.RepositoryRoot;

    private static IReadOnlyList<ProjectFile> SolutionProjects() =>
        SolutionFile.Projects(Path.Combine(Root, "EventSpike.sln")).Select(ProjectFile.Read).ToList();

    private static bool IsTest(ProjectFile p) =>
        p.IsTestProject || Path.GetRelativePath(Root, p.Path).Replace('\\', '/').StartsWith("Tests/", StringComparison.Ordinal);

    public static TheoryData<string> TableRows() => new(DesignTable.Rules.Keys);

    [Fact]
    public void The_solution_lists_every_project_file_in_the_repository()
    {
        var listed = SolutionFile.Projects(Path.Combine(Root, "EventSpike.sln")).ToHashSet();
        var onDisk = Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj" or ".git")).ToList();
        Assert.Contains(Path.Combine(Root, "Neurons", "Neurons.csproj"), listed); // the solution parser finds projects at all
        Assert.All(onDisk, p => Assert.True(listed.Contains(p), $"{Path.GetRelativePath(Root, p)} is not in EventSpike.sln"));
    }

    [Fact]
    public void Every_source_project_of_the_solution_has_a_row_in_the_design_table()
    {
        var sources = SolutionProjects().Where(p => !IsTest(p)).Select(p => p.Name).ToList();
        Assert.Superset(new HashSet<string> { "Neurons", "Routing", "Actors", "Hardware", "Host", "Benchmarks" }, sources.ToHashSet());
        Assert.All(sources, name => Assert.True(DesignTable.Rules.ContainsKey(name),
            $"project {name} is in EventSpike.sln but not in DesignTable: say which projects and packages it may use"));
    }

    [SkippableTheory]
    [MemberData(nameof(TableRows))]
    public void A_project_references_only_the_projects_the_design_allows(string name)
    {
        var project = Load(name);
        var allowed = DesignTable.Rules[name].Projects;
        var extra = project.Projects.Where(p => !allowed.Contains(p)).ToList();
        Assert.True(extra.Count == 0, $"{name} references {string.Join(", ", extra)}; the design allows {Listed(allowed)}");
    }

    [SkippableTheory]
    [MemberData(nameof(TableRows))]
    public void A_project_uses_only_the_packages_the_design_allows(string name)
    {
        var project = Load(name);
        var allowed = DesignTable.Rules[name].Packages;
        var extra = project.Packages.Where(p => !allowed.Contains(p, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.True(extra.Count == 0, $"{name} uses the package(s) {string.Join(", ", extra)}; the design allows {Listed(allowed)}");
    }

    [Fact]
    public void No_reference_reaches_every_project_through_a_directory_build_file()
    {
        // Directory.Build.props holds the shared settings (it must exist); a .targets beside it is checked too when there is one.
        var files = new[] { "Directory.Build.props", "Directory.Build.targets" }.Select(f => Path.Combine(Root, f)).Where(File.Exists).ToList();
        Assert.Contains(Path.Combine(Root, "Directory.Build.props"), files);
        foreach (var shared in files.Select(ProjectFile.Read))
            Assert.True(shared.Projects.Count == 0 && shared.Packages.Count == 0,
                $"{Path.GetFileName(shared.Path)} gives every project {string.Join(", ", shared.Projects.Concat(shared.Packages))}, around the design table");
    }

    /// <summary>The project file of a table row, from the solution; a pending project (not merged yet) that is absent skips out loud.</summary>
    private static ProjectFile Load(string name)
    {
        var project = SolutionProjects().FirstOrDefault(p => p.Name == name);
        var onDisk = File.Exists(Path.Combine(Root, name, name + ".csproj"));
        Skip.If(project is null && !onDisk && DesignTable.Pending.Contains(name),
            $"{name}/{name}.csproj does not exist yet (another branch adds it); its rules will apply once it is merged");
        Assert.True(project is not null, $"{name} is in DesignTable but not in EventSpike.sln");
        return project!;
    }

    private static string Listed(string[] names) => names.Length == 0 ? "none" : string.Join(", ", names);
}
