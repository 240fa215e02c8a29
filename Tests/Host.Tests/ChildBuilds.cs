using Xunit;

namespace EventSpike.Host.Tests;

/// <summary>
/// Tests that start dotnet builds, packs or many child processes (a file-based app, dotnet pack, the pytest suite):
/// one at a time, so that no pack reads an assembly another build is writing, and apart from the other tests, so that
/// their load does not slow the timed ones (cluster failure detection) beyond their bounds.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChildBuilds
{
    public const string Name = "dotnet child builds";
}
