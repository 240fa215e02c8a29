using System.Security.Cryptography;
using EventSpike.Actors.Cluster;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>--tls-cert FILE.pfx [--tls-password-file FILE | --tls-password P] [--tls-trust THUMBPRINT,...]</c> for
/// <c>node</c> and cluster runs: mutual TLS between nodes, peers pinned by thumbprint (default: the
/// certificate's own). The password comes from <c>--tls-password-file</c> (its first line), else from
/// EVENTSPIKE_TLS_PASSWORD, else from <c>--tls-password</c>, which other users see in <c>ps</c> (a warning says so).
/// </summary>
public static class TlsOptions
{
    public static readonly string[] Names = ["tls-cert", "tls-password", "tls-password-file", "tls-trust"];

    /// <summary>The environment variable that may hold the certificate's password.</summary>
    public const string PasswordVariable = "EVENTSPIKE_TLS_PASSWORD";

    /// <param name="warnings">Told when the password was given on the command line.</param>
    public static ClusterTls? From(ParsedArguments a, TextWriter? warnings = null)
    {
        var path = a.Value("tls-cert");
        if (path is null)
        {
            if (a.Value("tls-password") is not null || a.Value("tls-password-file") is not null || a.Value("tls-trust") is not null)
                throw new InputException($"{a.Command}: --tls-password, --tls-password-file and --tls-trust need --tls-cert");
            return null;
        }
        if (!File.Exists(path)) throw new InputException($"--tls-cert {path}: file not found");
        var password = Password(a, warnings);
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

    /// <summary>From the file, else the environment, else the command line (with a warning).</summary>
    private static string Password(ParsedArguments a, TextWriter? warnings)
    {
        if (a.Value("tls-password-file") is { } file)
        {
            if (!File.Exists(file)) throw new InputException($"--tls-password-file {file}: file not found");
            return File.ReadLines(file).FirstOrDefault() ?? "";
        }
        if (Environment.GetEnvironmentVariable(PasswordVariable) is { } fromEnvironment) return fromEnvironment;
        if (a.Value("tls-password") is not { } given) return "";
        warnings?.WriteLine($"warning: --tls-password shows in ps to every user of this machine; prefer --tls-password-file FILE or {PasswordVariable}");
        return given;
    }
}
