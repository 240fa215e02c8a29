namespace EventSpike.Hardware.Sensors;

/// <summary>Registers every recording format EventSpike reads with <see cref="EventFiles"/>; the host calls <see cref="RegisterAll"/> once at start.</summary>
public static class SensorFormats
{
    public static void RegisterAll()
    {
        EventFiles.Register(new Aedat4Format());
        EventFiles.Register(new Aedat31Format());
        EventFiles.Register(new Aedat2Format());
        EventFiles.Register(new Evt3Format());
        EventFiles.Register(new Evt2Format());
        EventFiles.Register(new DatFormat());
        EventFiles.Register(new NmnistFormat());
        // iniVation's TCP stream carries the same packets as an AEDAT4 file: decoded with the file reader's decoder.
        Streaming.Aedat4Framing.Decoder ??= new Streaming.Aedat4StreamDecoder("tcp stream");
    }
}
