using System.Text.RegularExpressions;
using EventSpike.Tests.Common;
using Xunit;
using Xunit.Abstractions;

namespace EventSpike.Host.Tests;

/// <summary>
/// The Python package's tests (python/tests) under Debian's python3 with python3-numpy and python3-pytest, run
/// against this build's eventspike: installed with apt-get when missing and possible; otherwise skipped out loud
/// with the reason, never passed in silence.
/// </summary>
public class PythonPackageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [SkippableFact]
    public void The_python_package_tests_pass_against_this_build()
    {
        var root = SharedFiles.RepositoryRoot;
        var python = FindPython() ?? Install();
        var env = new Dictionary<string, string>
        {
            ["EVENTSPIKE_COMMAND"] = $"dotnet \"{Path.Combine(AppContext.BaseDirectory, "eventspike.dll")}\"",
            ["PYTHONDONTWRITEBYTECODE"] = "1",
        };
        var (code, stdout, stderr) = ChildProcess.Run(python, ["-m", "pytest", "python/tests", "-q", "-p", "no:cacheprovider", "-rs"], root, Limit, env);
        output.WriteLine(stdout);
        output.WriteLine(stderr);
        Assert.True(code == 0, $"{python} -m pytest python/tests: exit {code}\n{stdout}\n{stderr}");
        var passed = Regex.Match(stdout, @"(\d+) passed");
        Assert.True(passed.Success && int.Parse(passed.Groups[1].Value) >= 10, $"pytest ran too few tests:\n{stdout}");
        Assert.DoesNotContain("skipped", stdout);
    }

    /// <summary>A python3 that imports numpy and pytest: Debian's first, then the one on PATH.</summary>
    private static string? FindPython()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                var (code, _, _) = ChildProcess.Run(candidate, ["-c", "import numpy, pytest"], Path.GetTempPath(), TimeSpan.FromMinutes(1));
                if (code == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed
            }
        }
        return null;
    }

    /// <summary>Installs Debian's python3-numpy and python3-pytest (as root with apt-get), or skips saying why it cannot.</summary>
    private static string Install()
    {
        Skip.IfNot(File.Exists("/usr/bin/apt-get"), "python3 with numpy and pytest is missing and there is no apt-get to install python3-numpy python3-pytest");
        Skip.IfNot(Environment.UserName == "root", $"python3 with numpy and pytest is missing; installing python3-numpy python3-pytest needs root, this is {Environment.UserName}");
        var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        var install = ChildProcess.Run("apt-get", ["install", "-y", "-q", "python3-numpy", "python3-pytest"], "/", Limit, env);
        if (install.Code != 0)
        {
            var update = ChildProcess.Run("apt-get", ["update", "-q"], "/", Limit, env);
            Assert.True(update.Code == 0, $"apt-get update failed:\n{update.Err}");
            install = ChildProcess.Run("apt-get", ["install", "-y", "-q", "python3-numpy", "python3-pytest"], "/", Limit, env);
        }
        Assert.True(install.Code == 0, $"apt-get install python3-numpy python3-pytest failed:\n{install.Out}\n{install.Err}");
        return FindPython() ?? throw new Xunit.Sdk.XunitException("python3-numpy and python3-pytest are installed but /usr/bin/python3 cannot import numpy and pytest");
    }
}
