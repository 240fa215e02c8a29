using System.Diagnostics;
using EventSpike.Actors.Recording;

namespace EventSpike.Host.Bench;

/// <summary>Counts recorded spikes and notes when the first one reached the recorder (seconds since the process started).</summary>
public sealed class CountingSink : ISpikeSink
{
    public long Spikes { get; private set; }
    public double? FirstSpikeSinceStart { get; private set; }

    public void Write(long step, int layer, ReadOnlySpan<int> neurons)
    {
        if (FirstSpikeSinceStart is null && neurons.Length > 0)
            FirstSpikeSinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
        Spikes += neurons.Length;
    }

    public void Complete()
    {
    }
}
