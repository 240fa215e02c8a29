using System.Reflection;
using Xunit;

namespace EventSpike.Hardware.Tests;

/// <summary>The design's dependency arrows: each project references only those above it.</summary>
public class DependencyTests
{
    private static IReadOnlyList<string> References(string assembly) =>
        Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("EventSpike.") || n.StartsWith("Akka")).ToList();

    [Theory]
    [InlineData("EventSpike.Neurons", new string[0])]
    [InlineData("EventSpike.Routing", new[] { "EventSpike.Neurons" })]
    [InlineData("EventSpike.Actors", new[] { "EventSpike.Neurons", "EventSpike.Routing", "Akka" })]
    public void Projects_reference_only_what_the_design_allows(string assembly, string[] allowed)
    {
        // "Akka" allows Akka and its modules (Akka.Remote, Akka.Cluster).
        Assert.All(References(assembly), r => Assert.Contains(allowed, a => r == a || (a == "Akka" && r.StartsWith("Akka.", StringComparison.Ordinal))));
    }

    [Fact]
    public void Neurons_knows_nothing_of_actors() =>
        Assert.DoesNotContain(References("EventSpike.Neurons"), r => r.StartsWith("Akka"));
}
