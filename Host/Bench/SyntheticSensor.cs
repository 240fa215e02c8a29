using EventSpike.Hardware.Sensors;

namespace EventSpike.Host.Bench;

/// <summary>A generated recording: <c>rate</c> events per second for <c>seconds</c>, evenly spaced, on pseudo-random pixels of a width×height sensor.</summary>
public sealed class SyntheticSensor(int width, int height, double rate, double seconds) : IEventReader
{
    private readonly long _count = (long)(rate * seconds);
    private long _next;
    private ulong _state = 0x9E3779B97F4A7C15;

    public SensorInfo Info => new("SYNTHETIC", width, height);

    public int Read(Span<SensorEvent> buffer)
    {
        var n = 0;
        for (; n < buffer.Length && _next < _count; n++, _next++)
        {
            _state = _state * 6364136223846793005 + 1442695040888963407;
            var r = _state >> 33;
            buffer[n] = new SensorEvent((long)(_next * 1e6 / rate), (ushort)(r % (ulong)width), (ushort)(r / (ulong)width % (ulong)height), (r & 1) == 1);
        }
        return n;
    }

    public void Dispose() { }
}
