namespace EventSpike.Hardware.Dynapse.Link;

/// <summary>A device link's failure: the server's error frame (code and message) or a lost connection.</summary>
public sealed class DeviceException(string message, ushort code = 0) : Exception(message)
{
    public ushort Code { get; } = code;
}
