namespace EventSpike.Neurons.Energy;

/// <summary>
/// The devices ModelEnergy knows (names lower-cased on lookup), with KerasSpiking's figures:
/// cpu 8.6e-9/8.6e-9 J (Intel i7-4960X), gpu 0.3e-9/0.3e-9 (GTX Titan Black), arm 0.9e-9/0.9e-9
/// (Cortex-A; all three Degnan et al. 2015, clocked); loihi (23.6 + 3.5)e-12/81e-12 (Davies et al.
/// 2018), spinnaker 13.3e-9/26e-9 and spinnaker2 450e-12/2.19e-9 (Höppner et al. 2019), event-driven.
/// <see cref="Register"/> adds or overwrites one (process-wide).
/// </summary>
public static class EnergyDevices
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, EnergyDevice> Devices = new()
    {
        ["cpu"] = new("cpu", 8.6e-9, 8.6e-9, false),
        ["gpu"] = new("gpu", 0.3e-9, 0.3e-9, false),
        ["arm"] = new("arm", 0.9e-9, 0.9e-9, false),
        ["loihi"] = new("loihi", 23.6e-12 + 3.5e-12, 81e-12, true),
        ["spinnaker"] = new("spinnaker", 13.3e-9, 26e-9, true),
        ["spinnaker2"] = new("spinnaker2", 450e-12, 2.19e-9, true),
    };

    /// <summary>The devices' names, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Gate) return Devices.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Adds or overwrites a device; returns KerasSpiking's warning when it overwrote one, else null.</summary>
    public static string? Register(string name, double energyPerSynop, double energyPerNeuron, bool spiking)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a device needs a name");
        if (!(energyPerSynop >= 0) || !(energyPerNeuron >= 0)) throw new ArgumentException($"device '{name}': energies must be ≥ 0 joules");
        var key = name.ToLowerInvariant();
        lock (Gate)
        {
            var existed = Devices.ContainsKey(key);
            Devices[key] = new EnergyDevice(key, energyPerSynop, energyPerNeuron, spiking);
            return existed ? $"Device '{key}' already registered. Overwriting." : null;
        }
    }

    /// <summary>The device called <paramref name="name"/> (any case); unknown names throw with KerasSpiking's message.</summary>
    public static EnergyDevice Get(string name)
    {
        lock (Gate)
            return Devices.TryGetValue(name.ToLowerInvariant(), out var d) ? d : throw new KeyNotFoundException($"Energy specs unknown for device '{name}'");
    }

    public static bool IsKnown(string name)
    {
        lock (Gate) return Devices.ContainsKey(name.ToLowerInvariant());
    }
}
