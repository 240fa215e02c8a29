using EventSpike.Host.Cli;
using EventSpike.Tests.Common;

namespace EventSpike.Host.Tests;

/// <summary>Runs the command line in this process and captures what it prints.</summary>
public static class HostRunner
{
    public static string Example(string name) => Path.Combine(SharedFiles.RepositoryRoot, "config", "networks", name);

    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "eventspike-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
