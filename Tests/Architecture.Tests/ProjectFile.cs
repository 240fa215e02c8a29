using System.Xml.Linq;

namespace EventSpike.Architecture.Tests;

/// <summary>
/// What a project file (or a Directory.Build.props) references: the names of the projects in its
/// <c>ProjectReference</c> items (file name without <c>.csproj</c>) and the ids of its
/// <c>PackageReference</c> items, whatever their conditions (a conditional reference still counts).
/// </summary>
public sealed record ProjectFile(string Path, IReadOnlyList<string> Projects, IReadOnlyList<string> Packages, bool IsTestProject)
{
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    public static ProjectFile Read(string path)
    {
        var xml = XDocument.Load(path);
        var items = xml.Descendants().Where(e => e.Parent?.Name.LocalName == "ItemGroup").ToList();
        IReadOnlyList<string> Included(string item) => items.Where(e => e.Name.LocalName == item)
            .Select(e => (string?)e.Attribute("Include")).OfType<string>().ToList();
        var projects = Included("ProjectReference").Select(p => System.IO.Path.GetFileNameWithoutExtension(p.Replace('\\', '/'))).ToList();
        var isTest = xml.Descendants().Any(e => e.Name.LocalName == "IsTestProject" && e.Value.Trim() == "true");
        return new ProjectFile(path, projects, Included("PackageReference"), isTest);
    }
}
