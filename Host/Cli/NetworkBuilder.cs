using EventSpike.Routing.Network;

namespace EventSpike.Host.Cli;

/// <summary>Compiles a network file's spec for a command, turning what the compiler refuses into bad input naming the file.</summary>
public static class NetworkBuilder
{
    public static CompiledNetwork Compile(NetworkSpec spec, string networkPath, int shardSize = 0, HashSet<string>? buildInto = null, long? memoryBudget = null)
    {
        try
        {
            return NetworkCompiler.Compile(spec, shardSize: shardSize, buildInto: buildInto, memoryBudget: memoryBudget);
        }
        catch (NetworkSpecException e)
        {
            throw new InputException(e.Message.StartsWith(networkPath, StringComparison.Ordinal) ? e.Message : $"{networkPath}: {e.Message}");
        }
    }
}
