using Google.FlatBuffers;

namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Runs Google.FlatBuffers' <see cref="Verifier"/> on untrusted bytes (reference/sensors.md §1.4: bounds-check every
/// offset before trusting it). The verifier itself can throw on some corrupt buffers (overflowing offsets): any
/// exception from it counts as "not valid", so the caller reports a located <see cref="SensorFormatException"/>.
/// </summary>
internal static class FlatBufferCheck
{
    public static bool Valid(ByteBuffer buffer, string identifier, bool sizePrefixed, VerifyTableAction verify, int maxTables = 1000)
    {
        try
        {
            return new Verifier(buffer, new Options(64, maxTables, true, false)).VerifyBuffer(identifier, sizePrefixed, verify);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException or IndexOutOfRangeException or InvalidOperationException)
        {
            return false;
        }
    }
}
