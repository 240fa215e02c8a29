using System.Buffers.Binary;
using System.Text;

namespace EventSpike.Hardware.Dynapse.Link;

/// <summary>
/// The device protocol (docs/device-protocol.md), version 1: each frame is a little-endian u32 length L
/// (the bytes that follow, 2 ≤ L ≤ <see cref="MaxFrame"/>), a u8 version, a u8 type and L − 2 bytes of
/// payload. Requests: Configure (board configuration JSON), Run (steps, substeps, events as (step,
/// channel) pairs), Status, Reset. Replies: Configured, Output (steps, spikes as (step, neuron) pairs),
/// StatusReply (JSON), ResetDone, or Error (u16 code, UTF-8 message). Integers are little-endian i32.
/// </summary>
public static class DeviceProtocol
{
    public const byte Version = 1;
    public const int MaxFrame = 16 << 20;
    public const int MaxSteps = 1_000_000;
    public const int MaxSubsteps = 100_000;

    public const byte Configure = 0x01, Run = 0x02, Status = 0x03, Reset = 0x04;
    public const byte Configured = 0x81, Output = 0x82, StatusReply = 0x83, ResetDone = 0x84, Error = 0x7F;

    /// <summary>Error codes.</summary>
    public const ushort BadVersion = 1, UnknownType = 2, Malformed = 3, NotConfigured = 4, FpgaLimit = 5, TooLarge = 6, BadConfiguration = 7, Busy = 8;

    public static byte[] Frame(byte type, ReadOnlySpan<byte> payload)
    {
        if (payload.Length + 2 > MaxFrame) throw new ArgumentException($"a frame of {payload.Length + 2} bytes exceeds the {MaxFrame}-byte cap");
        var frame = new byte[6 + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)(payload.Length + 2));
        frame[4] = Version;
        frame[5] = type;
        payload.CopyTo(frame.AsSpan(6));
        return frame;
    }

    public static byte[] ErrorFrame(ushort code, string message)
    {
        var text = Encoding.UTF8.GetBytes(message.Length > 2000 ? message[..2000] : message);
        var payload = new byte[2 + text.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(payload, code);
        text.CopyTo(payload, 2);
        return Frame(Error, payload);
    }

    /// <summary>Run's or Output's payload: steps, substeps (Output: 0), count, then (step, channel) pairs.</summary>
    public static byte[] Events(DeviceWindow window, int substeps)
    {
        var payload = new byte[12 + 8 * window.Events];
        BinaryPrimitives.WriteInt32LittleEndian(payload, window.Steps);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(4), substeps);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(8), window.Events);
        var o = 12;
        for (var s = 0; s < window.Steps; s++)
            for (var i = window.StepPtr[s]; i < window.StepPtr[s + 1]; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(o), s);
                BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(o + 4), window.Channels[i]);
                o += 8;
            }
        return payload;
    }

    /// <summary>
    /// Reads an events payload, checking every field: 1 ≤ steps ≤ <see cref="MaxSteps"/>, substeps in range,
    /// the count matching the length, steps ascending within [0, steps), channels in [0, <paramref name="channels"/>).
    /// </summary>
    public static (DeviceWindow Window, int Substeps) ReadEvents(ReadOnlySpan<byte> payload, int channels, bool output)
    {
        if (payload.Length < 12) throw new FormatException($"an events payload needs 12 header bytes, got {payload.Length}");
        var steps = BinaryPrimitives.ReadInt32LittleEndian(payload);
        var substeps = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(payload[8..]);
        if (steps is < 1 or > MaxSteps) throw new FormatException($"steps {steps} outside [1, {MaxSteps}]");
        if (output ? substeps != 0 : substeps is < 1 or > MaxSubsteps) throw new FormatException($"substeps {substeps} outside the allowed range");
        if (count < 0 || (long)count * 8 != payload.Length - 12) throw new FormatException($"{count} events do not fill a payload of {payload.Length} bytes");
        var ptr = new int[steps + 1];
        var ch = new int[count];
        var last = 0;
        for (var i = 0; i < count; i++)
        {
            var s = BinaryPrimitives.ReadInt32LittleEndian(payload[(12 + 8 * i)..]);
            var c = BinaryPrimitives.ReadInt32LittleEndian(payload[(16 + 8 * i)..]);
            if (s < last || s >= steps) throw new FormatException($"event {i}: step {s} is out of order or outside [0, {steps})");
            if (c < 0 || c >= channels) throw new FormatException($"event {i}: channel {c} outside [0, {channels})");
            for (var k = last + 1; k <= s; k++) ptr[k] = i;
            last = s;
            ch[i] = c;
        }
        for (var k = last + 1; k <= steps; k++) ptr[k] = count;
        return (new DeviceWindow(steps, ptr, ch), substeps);
    }

    /// <summary>Reads one frame: (type, payload), or null at a clean end of stream. A bad length throws <see cref="FormatException"/>.</summary>
    public static async Task<(byte Version, byte Type, byte[] Payload)?> ReadFrameAsync(Stream stream, CancellationToken cancel)
    {
        var header = new byte[4];
        if (!await ReadExactly(stream, header, cancel).ConfigureAwait(false)) return null;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length < 2 || length > MaxFrame) throw new FormatException($"frame length {length} outside [2, {MaxFrame}]");
        var body = new byte[length];
        if (!await ReadExactly(stream, body, cancel).ConfigureAwait(false)) throw new EndOfStreamException("the stream ended inside a frame");
        return (body[0], body[1], body[2..]);
    }

    private static async Task<bool> ReadExactly(Stream stream, byte[] buffer, CancellationToken cancel)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancel).ConfigureAwait(false);
            if (n == 0) return read == 0 ? false : throw new EndOfStreamException("the stream ended inside a frame");
            read += n;
        }
        return true;
    }
}
