using EventSpike.Hardware.Dynapse;

namespace EventSpike.Hardware.Tests.Dynapse;

/// <summary>One DPI neuron (or a few) on core 0 without mismatch, driven from a plain loop.</summary>
internal static class DpiHarness
{
    public static DpiNeurons Neurons(DpiCoreParameters p, double dt = 1e-5, int count = 1, bool parity = false) =>
        new(dt, Enumerable.Repeat(p, count).ToList(), Enumerable.Repeat(false, count).ToList(),
            Enumerable.Range(0, count).Select(_ => Enumerable.Repeat(1.0, DpiNeurons.MismatchParameters).ToArray()).ToList(), parity);

    /// <summary>Spike times (s) of neuron 0 over <paramref name="duration"/> under constant I_dc.</summary>
    public static List<double> SpikeTimes(double idc, double duration, double dt = 1e-5, bool parity = false, DpiCoreParameters? p = null)
    {
        var n = Neurons((p ?? new DpiCoreParameters()) with { Idc = idc }, dt, 1, parity);
        var drive = new float[n.DriveLength];
        var spikes = new List<int>();
        var times = new List<double>();
        var steps = (long)Math.Round(duration / dt);
        for (long s = 0; s < steps; s++)
        {
            spikes.Clear();
            n.Step(drive, spikes);
            if (spikes.Count > 0) times.Add((s + 1) * dt);
        }
        return times;
    }

    /// <summary>A drive buffer with <paramref name="count"/> CAM matches of <paramref name="type"/> on each neuron in <paramref name="ks"/> (no synapse mismatch).</summary>
    public static float[] Drive(IBoardNeurons n, SynapseType type, double count, params int[] ks)
    {
        var drive = new float[n.DriveLength];
        Set(n, drive, type, count, ks);
        return drive;
    }

    /// <summary>Sets the drive entries of <paramref name="ks"/> for <paramref name="type"/> to <paramref name="count"/> matches.</summary>
    public static void Set(IBoardNeurons n, float[] drive, SynapseType type, double count, params int[] ks)
    {
        foreach (var k in ks) drive[n.DriveIndex(type, k)] = (float)(count * n.DriveIncrement(type, k));
    }
}
