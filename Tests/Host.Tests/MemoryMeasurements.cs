using Xunit;

namespace EventSpike.Host.Tests;

/// <summary>
/// Tests that measure the process's live heap (GC.GetTotalMemory): alone, after the parallel ones, so that no other
/// test's allocations are counted as theirs. (In parallel, another class's live objects once pushed a 2 MB bound over.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "memory measurements";
}
