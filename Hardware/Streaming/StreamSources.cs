using System.Globalization;

namespace EventSpike.Hardware.Streaming;

/// <summary>Parses <c>--source</c>: <c>tcp://HOST:PORT</c>, <c>udp://HOST:PORT</c>, or a recording's path.</summary>
public static class StreamSources
{
    /// <summary>
    /// The feed for <paramref name="source"/>; <see cref="ArgumentException"/> naming what is wrong. A file is paced at
    /// <paramref name="speed"/> (0: as fast as the network goes); a socket with <paramref name="speed"/> &gt; 0 (<c>--realtime</c>)
    /// lets the watermark follow the wall clock while it is quiet.
    /// </summary>
    public static IStreamFeed Open(string source, double speed, StreamFraming framing)
    {
        if (source.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            var (host, port) = HostPort(source);
            return new TcpFeed(host, port, framing, followClock: speed > 0);
        }
        if (source.StartsWith("udp://", StringComparison.OrdinalIgnoreCase))
        {
            var (host, port) = HostPort(source);
            return new UdpFeed(host, port, followClock: speed > 0);
        }
        if (source.Contains("://", StringComparison.Ordinal))
            throw new ArgumentException($"--source {source}: unknown scheme (tcp://HOST:PORT, udp://HOST:PORT or a file)");
        if (!File.Exists(source)) throw new ArgumentException($"--source {source}: file not found");
        return new FileFeed(source, speed);
    }

    /// <summary>Whether <paramref name="source"/> is a socket (ends only when stopped).</summary>
    public static bool IsLive(string source) =>
        source.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("udp://", StringComparison.OrdinalIgnoreCase);

    private static (string Host, int Port) HostPort(string url)
    {
        var rest = url[6..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new ArgumentException($"--source {url}: expected {url[..6]}HOST:PORT with a port 1-65535");
        return (rest[..colon].Trim('[', ']'), port);
    }
}
