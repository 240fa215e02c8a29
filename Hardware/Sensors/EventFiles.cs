namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Opens a recording whatever its format: each registered <see cref="IEventFormat"/> is asked, in
/// registration order, whether it recognises the file's first bytes and name.
/// </summary>
public static class EventFiles
{
    private static readonly List<IEventFormat> Formats = new();

    public static void Register(IEventFormat format)
    {
        lock (Formats)
        {
            Formats.RemoveAll(f => f.Name == format.Name);
            Formats.Add(format);
        }
    }

    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Formats) return Formats.Select(f => f.Name).ToList();
        }
    }

    /// <summary>Whether a registered format recognises the file at <paramref name="path"/> (from its first 4 KiB and name).</summary>
    public static bool Recognises(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        var head = new byte[(int)Math.Min(4096, stream.Length)];
        stream.ReadExactly(head);
        lock (Formats) return Formats.Any(f => f.Recognises(head, path));
    }

    /// <summary>A reader on <paramref name="path"/>; <see cref="SensorFormatException"/> when no format recognises it.</summary>
    public static IEventReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            var head = new byte[(int)Math.Min(4096, stream.Length)];
            stream.ReadExactly(head);
            stream.Position = 0;
            IEventFormat? format;
            lock (Formats) format = Formats.FirstOrDefault(f => f.Recognises(head, path));
            if (format is null)
                throw new SensorFormatException($"{path}: not a recording format EventSpike reads ({string.Join(", ", Names)})");
            return format.Open(stream, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
