using System.Runtime.InteropServices;

namespace EventSpike.Host.Output;

/// <summary>
/// Decodes one record's payload of a <see cref="RecordingJournal"/> into reused buffers (they grow
/// to the largest window, not with the run) and hands it to its handler; a payload that does not
/// add up (a varint past its end, counts that do not match its length) is reported by the reader.
/// </summary>
internal sealed class JournalRecordDecoder(JournalReader reader)
{
    private int[] _neurons = new int[64];
    private long[] _steps = new long[64];
    private double[] _values = new double[64];

    public void Decode(long offset, byte tag, ReadOnlySpan<byte> payload, Action<long, int, ReadOnlySpan<int>>? spikes,
        Action<int, long, int, ReadOnlySpan<double>>? samples, Action<int, ReadOnlySpan<long>, ReadOnlySpan<double>>? probes)
    {
        var at = 0;
        switch (tag)
        {
            case RecordingJournal.SpikesTag:
            {
                var step = Long(payload, ref at, offset);
                var layer = Int(payload, ref at, offset);
                var count = Count(payload, ref at, offset, 1);
                Grow(ref _neurons, count);
                var neuron = 0L;
                for (var i = 0; i < count; i++)
                {
                    neuron += Long(payload, ref at, offset);
                    if (neuron > int.MaxValue) throw reader.Corrupt(offset, $"neuron {neuron} is out of range");
                    _neurons[i] = (int)neuron;
                }
                End(payload, at, offset);
                spikes?.Invoke(step, layer, _neurons.AsSpan(0, count));
                break;
            }
            case RecordingJournal.SamplesTag:
            {
                var layer = Int(payload, ref at, offset);
                var start = Long(payload, ref at, offset);
                var rows = Count(payload, ref at, offset, 0);
                var channels = Count(payload, ref at, offset, 0);
                var values = Doubles(payload, ref at, offset, (long)rows * channels);
                End(payload, at, offset);
                samples?.Invoke(layer, start, channels, values);
                break;
            }
            default:
            {
                var probe = Int(payload, ref at, offset);
                var rows = Count(payload, ref at, offset, 1);
                var width = Count(payload, ref at, offset, 0);
                Grow(ref _steps, rows);
                var step = 0L;
                for (var i = 0; i < rows; i++) _steps[i] = step += Long(payload, ref at, offset);
                var values = Doubles(payload, ref at, offset, (long)rows * width);
                End(payload, at, offset);
                probes?.Invoke(probe, _steps.AsSpan(0, rows), values);
                break;
            }
        }
    }

    private ReadOnlySpan<double> Doubles(ReadOnlySpan<byte> payload, ref int at, long offset, long count)
    {
        if (count * 8 > payload.Length - at) throw reader.Corrupt(offset, $"{count} values do not fit in the record");
        var n = (int)count;
        Grow(ref _values, n);
        var bytes = payload.Slice(at, 8 * n);
        if (BitConverter.IsLittleEndian) bytes.CopyTo(MemoryMarshal.AsBytes(_values.AsSpan(0, n)));
        else
            for (var i = 0; i < n; i++) _values[i] = JournalReader.Double(bytes[(8 * i)..]);
        at += 8 * n;
        return _values.AsSpan(0, n);
    }

    /// <summary>A count of items each taking at least <paramref name="least"/> bytes of what is left.</summary>
    private int Count(ReadOnlySpan<byte> payload, ref int at, long offset, int least)
    {
        var count = Long(payload, ref at, offset);
        if (count > int.MaxValue || count * least > payload.Length - at) throw reader.Corrupt(offset, $"a count of {count} does not fit in the record");
        return (int)count;
    }

    private int Int(ReadOnlySpan<byte> payload, ref int at, long offset)
    {
        var value = Long(payload, ref at, offset);
        return value <= int.MaxValue ? (int)value : throw reader.Corrupt(offset, $"id {value} is out of range");
    }

    private long Long(ReadOnlySpan<byte> payload, ref int at, long offset)
    {
        ulong value = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            if (at >= payload.Length) throw reader.Corrupt(offset, "a number runs past the end of its record");
            var b = payload[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value <= long.MaxValue ? (long)value : throw reader.Corrupt(offset, "a number is out of range");
        }
        throw reader.Corrupt(offset, "a number runs past 63 bits");
    }

    private void End(ReadOnlySpan<byte> payload, int at, long offset)
    {
        if (at != payload.Length) throw reader.Corrupt(offset, $"{payload.Length - at} bytes left over after the record");
    }

    private static void Grow<T>(ref T[] buffer, int count)
    {
        if (buffer.Length < count) buffer = new T[Math.Max(count, 2 * buffer.Length)];
    }
}
