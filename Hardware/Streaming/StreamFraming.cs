namespace EventSpike.Hardware.Streaming;

/// <summary>How a TCP stream's bytes are framed: found from its first bytes, DV's AEDAT4 network stream, or AEStream/SPIF raw event words.</summary>
public enum StreamFraming
{
    Auto,
    Aedat4,
    Words,
}
