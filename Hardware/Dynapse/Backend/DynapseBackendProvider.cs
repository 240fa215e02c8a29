using System.Runtime.CompilerServices;
using EventSpike.Actors.Hosting;
using EventSpike.Hardware.Dynapse.Layers;
using EventSpike.Hardware.Dynapse.Link;
using EventSpike.Routing.Network;

namespace EventSpike.Hardware.Dynapse.Backend;

/// <summary>
/// Backend "dynapse": runs <c>RecDynapSE</c> and <c>VirtualDynapse</c> layers through a device link — the
/// chip model in this process (<c>"device": "local"</c>) or <c>eventspike device-server</c> over TCP. At load
/// it checks the layer against the board (fan-in, fan-out, aliasing: neuron, core and limit), its wiring
/// (no recurrent connection in the file, no probes, the network's own step) and that the server answers.
/// The links of a network are kept for its summary (<see cref="LinksOf"/>).
/// </summary>
public sealed class DynapseBackendProvider : IBackendProvider
{
    private static readonly ConditionalWeakTable<CompiledNetwork, List<(string Layer, IDeviceLink Link)>> Links = new();

    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    public string Name => DynapseModels.Backend;

    public string? CannotRun(CompiledLayer layer) =>
        layer.Model is BoardLayer ? null : $"only {string.Join(" and ", DynapseModels.Names)} layers run on a DYNAP-SE board";

    public void Validate(CompiledNetwork network, int layer)
    {
        var l = network.Layers[layer];
        var where = $"layer '{l.Name}' ({l.Model.ClassName}) on backend '{Name}'";
        if (l.Model is not BoardLayer model) throw new BackendLimitException($"{where}: {CannotRun(l)}");
        if (l.StepMultiple != 1) throw new BackendLimitException($"{where}: a layer dt of its own is not supported on a board (give chip_dt instead)");
        if (network.ProjectionsOf(layer).Any(g => g[0].Recurrent))
            throw new BackendLimitException($"{where}: a recurrent connection in the network file cannot reach the board; give the layer's weights_rec / connections_rec");
        if (network.ProbesOf(layer).Count > 0) throw new BackendLimitException($"{where}: probes cannot read a board's state");
        var check = ConnectionValidator.Validate(model.Config.Connections, model.Config.Monitored);
        if (!check.IsValid) throw new BackendLimitException($"{where}: validate_connections = {check.Bitmask}: {string.Join("; ", check.Problems)}");
        if (model.Device != "local")
        {
            try
            {
                using var link = Connect(model.Device);
            }
            catch (DeviceException e)
            {
                throw new BackendLimitException($"{where}: {e.Message}");
            }
        }
    }

    public IWindowBackend Create(CompiledNetwork network, int layer, Neurons.Kernels.KernelPool? pool)
    {
        var l = network.Layers[layer];
        var model = (BoardLayer)l.Model;
        var link = Connect(model.Device);
        link.ConfigureAsync(model.Config).GetAwaiter().GetResult();
        var list = Links.GetOrCreateValue(network);
        lock (list) list.Add((l.Name, link));
        return new DeviceLinkBackend(network, layer, model, link);
    }

    private static IDeviceLink Connect(string device) =>
        device == "local" ? new InProcessLink()
        : DeviceAddress.TryParse(device, out var address) ? TcpDeviceLink.ConnectAsync(address, ConnectTimeout).GetAwaiter().GetResult()
        : throw new DeviceException($"device '{device}' is neither \"local\" nor tcp://HOST:PORT");

    /// <summary>The device links created for <paramref name="network"/>'s layers, in creation order.</summary>
    public static IReadOnlyList<(string Layer, IDeviceLink Link)> LinksOf(CompiledNetwork network)
    {
        if (!Links.TryGetValue(network, out var list)) return [];
        lock (list) return [.. list];
    }
}
