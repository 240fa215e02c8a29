using System.Security.Cryptography;
using EventSpike.Actors.Cluster;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>--tls-cert FILE.pfx [--tls-password P] [--tls-trust THUMBPRINT,...]</c> for <c>node</c> and cluster
/// runs: mutual TLS between nodes, peers pinned by thumbprint (default: the certificate's own). The
/// password may also come from EVENTSPIKE_TLS_PASSWORD.
/// </summary>
public static class TlsOptions
{
    public static readonly string[] Names = ["tls-cert", "tls-password", "tls-trust"];

    public static ClusterTls? From(ParsedArguments a)
    {
        var path = a.Value("tls-cert");
        if (path is null)
        {
            if (a.Value("tls-password") is not null || a.Value("tls-trust") is not null)
                throw new InputException($"{a.Command}: --tls-password and --tls-trust need --tls-cert");
            return null;
        }
        if (!File.Exists(path)) throw new InputException($"--tls-cert {path}: file not found");
        var password = a.Value("tls-password") ?? Environment.GetEnvironmentVariable("EVENTSPIKE_TLS_PASSWORD") ?? "";
        var trusted = (a.Value("tls-trust") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var tls = new ClusterTls(path, password, trusted);
        try
        {
            using var _ = tls.LoadCertificate();
        }
        catch (CryptographicException e)
        {
            throw new InputException($"--tls-cert {path}: cannot read the certificate (wrong password or not PKCS#12?): {e.Message}");
        }
        return tls;
    }
}
