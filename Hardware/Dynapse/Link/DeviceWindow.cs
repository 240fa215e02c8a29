namespace EventSpike.Hardware.Dynapse.Link;

/// <summary>
/// Events of a window of layer steps in step-major form: the events of step s (relative to the window)
/// are <see cref="Channels"/>[<see cref="StepPtr"/>[s] .. <see cref="StepPtr"/>[s+1]). Input windows carry
/// input channels (virtual neurons through <see cref="BoardConfig.VirtualInputs"/>), output windows the
/// layer's neurons.
/// </summary>
public sealed record DeviceWindow(int Steps, int[] StepPtr, int[] Channels)
{
    public int Events => Channels.Length;

    /// <summary>Steps [a, b) of this window as a window of their own.</summary>
    public DeviceWindow Slice(int a, int b)
    {
        var ptr = new int[b - a + 1];
        for (var s = a; s <= b; s++) ptr[s - a] = StepPtr[s] - StepPtr[a];
        return new DeviceWindow(b - a, ptr, Channels[StepPtr[a]..StepPtr[b]]);
    }

    /// <summary>Windows one after another as one.</summary>
    public static DeviceWindow Concat(IReadOnlyList<DeviceWindow> parts)
    {
        var steps = parts.Sum(p => p.Steps);
        var ptr = new int[steps + 1];
        var channels = new List<int>();
        var s = 0;
        foreach (var p in parts)
        {
            for (var k = 0; k < p.Steps; k++) ptr[s + k + 1] = channels.Count + p.StepPtr[k + 1];
            channels.AddRange(p.Channels);
            s += p.Steps;
        }
        return new DeviceWindow(steps, ptr, channels.ToArray());
    }
}
