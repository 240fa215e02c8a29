using MessagePack;
using MessagePack.Resolvers;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// Node → node, once per window and bundle: the window outputs of several layers of the sending node
/// (<see cref="BundledBatch"/>es) packed as MessagePack with LZ4 block compression. The payload's
/// length is what the link carries besides Akka's envelope, so traffic figures are measured, not estimated.
/// </summary>
public sealed record NodeBundle(long Window, byte[] Payload) : IClusterMessage
{
    private static readonly IFormatterResolver Resolver = CompositeResolver.Create(StandardResolver.Instance, ContractlessStandardResolver.Instance);

    private static readonly MessagePackSerializerOptions Packing = MessagePackSerializerOptions.Standard
        .WithResolver(Resolver).WithCompression(MessagePackCompression.Lz4BlockArray);

    private static readonly MessagePackSerializerOptions Plain = MessagePackSerializerOptions.Standard.WithResolver(Resolver);

    /// <summary>
    /// Packs <paramref name="items"/>; <paramref name="rawBytes"/> is their size as plain MessagePack.
    /// A spike batch travels as one byte string of LEB128 varints: the spike count of each step, then
    /// each step's neurons as differences from the previous one (they ascend), so a spike takes one or
    /// two bytes where MessagePack's integers take three.
    /// </summary>
    public static NodeBundle Pack(long window, BundledBatch[] items, out long rawBytes)
    {
        rawBytes = MessagePackSerializer.Serialize(items, Plain).Length;
        var coded = items.Select(i => i.Spikes is null ? i : i with { Spikes = i.Spikes with { StepPtr = [], Neurons = [] }, Packed = Encode(i.Spikes) }).ToArray();
        return new NodeBundle(window, MessagePackSerializer.Serialize(coded, Packing));
    }

    public BundledBatch[] Unpack() => MessagePackSerializer.Deserialize<BundledBatch[]>(Payload, Packing)
        .Select(i => i.Packed is null || i.Spikes is null ? i : i with { Spikes = Decode(i.Spikes, i.Packed), Packed = null }).ToArray();

    private static byte[] Encode(Routing.Messages.SpikeBatch batch)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(2 * batch.StepPtr.Length + 2 * batch.Neurons.Length + 16);
        for (var step = 0; step + 1 < batch.StepPtr.Length; step++) Write(buffer, (uint)(batch.StepPtr[step + 1] - batch.StepPtr[step]));
        for (var step = 0; step + 1 < batch.StepPtr.Length; step++)
        {
            var previous = 0;
            for (var s = batch.StepPtr[step]; s < batch.StepPtr[step + 1]; s++)
            {
                // Zig-zag, so that a batch whose neurons do not ascend still round-trips.
                var gap = batch.Neurons[s] - previous;
                Write(buffer, (uint)((gap << 1) ^ (gap >> 31)));
                previous = batch.Neurons[s];
            }
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static Routing.Messages.SpikeBatch Decode(Routing.Messages.SpikeBatch header, byte[] packed)
    {
        var at = 0;
        var stepPtr = new int[header.Steps + 1];
        for (var step = 0; step < header.Steps; step++) stepPtr[step + 1] = stepPtr[step] + (int)Read(packed, ref at);
        var neurons = new int[stepPtr[header.Steps]];
        for (var step = 0; step < header.Steps; step++)
        {
            var previous = 0;
            for (var s = stepPtr[step]; s < stepPtr[step + 1]; s++)
            {
                var zigzag = Read(packed, ref at);
                previous = neurons[s] = previous + (int)((zigzag >> 1) ^ (uint)-(int)(zigzag & 1));
            }
        }
        return header with { StepPtr = stepPtr, Neurons = neurons };
    }

    private static void Write(System.Buffers.ArrayBufferWriter<byte> buffer, uint value)
    {
        var span = buffer.GetSpan(5);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        buffer.Advance(n);
    }

    private static uint Read(byte[] bytes, ref int at)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
