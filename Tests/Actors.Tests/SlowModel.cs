using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;

namespace EventSpike.Actors.Tests;

/// <summary>A layer that passes its input spikes through and sleeps in chosen steps: for watchdog and back-pressure tests.</summary>
public sealed class SlowModel(int size, double dt, Func<long, TimeSpan> delay) : ILayerModel
{
    public string ClassName => "Slow";
    public int Size => size;
    public double Dt => dt;
    public IReadOnlyList<InputPort> Ports { get; } = [new InputPort("syn", PortKind.Spikes, size)];

    public void Step(long step, double[][] portInput, List<int> spikes)
    {
        var pause = delay(step);
        if (pause > TimeSpan.Zero) Thread.Sleep(pause);
        for (var j = 0; j < size; j++)
            if (portInput[0][j] > 0) spikes.Add(j);
    }

    public void ResetState()
    {
    }

    public JsonObject ToDict() => new() { ["class_name"] = ClassName };
}
