using Xunit;

namespace EventSpike.Host.Tests;

/// <summary>Tests that start dotnet builds or packs of the repository's projects (a file-based app, dotnet pack): one at a time, so that no pack reads an assembly another build is writing.</summary>
[CollectionDefinition(Name)]
public sealed class ChildBuilds
{
    public const string Name = "dotnet child builds";
}
