using EventSpike.Neurons.Models;

namespace EventSpike.Hardware.Dynapse.Backend;

/// <summary>
/// Stands in for a board layer inside the <see cref="Neurons.Runtime.LayerEngine"/> of a device link: the
/// engine gathers the layer's input per step as usual and this model records it as events (channel i
/// repeated count times) instead of computing; the board computes the spikes.
/// </summary>
internal sealed class InputCapture(ILayerModel layer) : ILayerModel
{
    private readonly List<int> _ptr = [0];
    private readonly List<int> _channels = [];

    public string ClassName => layer.ClassName;
    public int Size => layer.Size;
    public double Dt => layer.Dt;
    public IReadOnlyList<InputPort> Ports => layer.Ports;

    public void Step(long step, double[][] portInput, List<int> spikes)
    {
        var input = portInput[0];
        for (var i = 0; i < input.Length; i++)
            for (var c = 0; c < Math.Round(input[i]); c++) _channels.Add(i);
        _ptr.Add(_channels.Count);
    }

    /// <summary>The steps recorded since the last call.</summary>
    public Link.DeviceWindow Take()
    {
        var window = new Link.DeviceWindow(_ptr.Count - 1, _ptr.ToArray(), _channels.ToArray());
        _ptr.Clear();
        _ptr.Add(0);
        _channels.Clear();
        return window;
    }

    public void ResetState() => Take();

    public System.Text.Json.Nodes.JsonObject ToDict() => layer.ToDict();
}
