namespace EventSpike.Hardware.Dynapse.Link;

/// <summary>A device server's address, <c>tcp://HOST:PORT</c>.</summary>
public sealed record DeviceAddress(string Host, int Port)
{
    public static bool TryParse(string text, out DeviceAddress address)
    {
        address = new DeviceAddress("", 0);
        if (!text.StartsWith("tcp://", StringComparison.Ordinal)) return false;
        var rest = text["tcp://".Length..];
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], out var port) || port is < 1 or > 65535) return false;
        address = new DeviceAddress(rest[..colon].Trim('[', ']'), port);
        return true;
    }

    public override string ToString() => $"tcp://{Host}:{Port}";
}
