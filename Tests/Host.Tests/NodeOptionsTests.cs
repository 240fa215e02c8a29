using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary><c>node</c>'s address and TLS options: refused before anything listens.</summary>
public class NodeOptionsTests
{
    [Theory]
    [InlineData("", "node: --host is empty")]
    [InlineData("0.0.0.0", "node: --host 0.0.0.0 is not a loopback address and the node would speak without TLS")]
    [InlineData("10.1.2.3", "node: --host 10.1.2.3 is not a loopback address and the node would speak without TLS")]
    public void A_node_refuses_an_empty_host_and_one_beyond_loopback_without_TLS_or_insecure(string host, string message)
    {
        var (code, _, err) = Run("node", "--host", host, "--port", "0");
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void A_missing_or_empty_password_file_is_exit_2_naming_it()
    {
        var cert = Path.Combine(TempDir(), "none.pfx");
        File.WriteAllText(cert, "not a certificate");
        var missing = Path.Combine(TempDir(), "missing");
        var (code, _, err) = Run("node", "--tls-cert", cert, "--tls-password-file", missing);
        Assert.Equal(2, code);
        Assert.Contains($"--tls-password-file {missing}: file not found", err);
        (code, _, err) = Run("node", "--tls-password-file", missing);
        Assert.Equal(2, code);
        Assert.Contains("--tls-password, --tls-password-file and --tls-trust need --tls-cert", err);
    }

    [Fact]
    public void Help_says_where_the_TLS_password_should_come_from_and_how_to_bind_beyond_loopback()
    {
        var (code, stdout, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("--tls-password-file FILE", stdout);
        Assert.Contains("EVENTSPIKE_TLS_PASSWORD", stdout);
        Assert.Contains("--insecure", stdout);
    }
}
