using System.Security.Cryptography.X509Certificates;
using Akka.Actor.Setup;
using Akka.Remote.Transport.DotNetty;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// Mutual TLS between cluster nodes: every node presents <paramref name="CertificatePath"/> (PKCS#12)
/// and accepts only peers whose certificate thumbprint is trusted — by default the node's own
/// certificate, i.e. the cluster shares one certificate. A node without it cannot join.
/// </summary>
public sealed record ClusterTls(string CertificatePath, string Password, IReadOnlyList<string> TrustedThumbprints)
{
    public X509Certificate2 LoadCertificate() => X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, Password);

    /// <summary>The DotNetty setup: mutual authentication, peers pinned by thumbprint.</summary>
    public Setup ToSetup()
    {
        var certificate = LoadCertificate();
        var trusted = TrustedThumbprints.Count > 0 ? TrustedThumbprints.ToArray() : [certificate.Thumbprint];
        return new DotNettySslSetup(certificate, suppressValidation: false, requireMutualAuthentication: true,
            CertificateValidation.PinnedCertificate(trusted));
    }

    public const string Hocon = "akka.remote.dot-netty.tcp.enable-ssl = on";
}
