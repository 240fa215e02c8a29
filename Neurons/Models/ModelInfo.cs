using System.Collections.Frozen;

namespace EventSpike.Neurons.Models;

/// <summary>
/// What a registered model class is, known without building one: its class name, what it emits,
/// its input ports (names and kinds, in the order of <see cref="ILayerModel.Ports"/>) and the
/// backends that can run it. A source is a model with no input port. Every registration in
/// <see cref="ModelCatalog"/> carries one; the port names, kinds and output kind do not depend on a
/// layer's parameters for any registered class (aliases that differ, e.g. spike vs current input,
/// are separate names with their own info). Equality compares the ports in order and the backends
/// as a set.
/// </summary>
public sealed record ModelInfo
{
    /// <summary>The plain-loop backend over a <c>Neurons</c> model; every model runs on it.</summary>
    public const string Cpu = "cpu";

    /// <summary>An accelerator (ILGPU) version of the model exists.</summary>
    public const string Gpu = "gpu";

    /// <summary>The backends of a model that only runs in the plain loop.</summary>
    public static readonly IReadOnlySet<string> CpuOnly = FrozenSet.ToFrozenSet([Cpu], StringComparer.Ordinal);

    /// <summary>The backends of a model with an accelerated version.</summary>
    public static readonly IReadOnlySet<string> CpuAndGpu = FrozenSet.ToFrozenSet([Cpu, Gpu], StringComparer.Ordinal);

    /// <param name="className">The name network files use (an alias has its own info).</param>
    /// <param name="outputKind">Spikes, or a continuous signal.</param>
    /// <param name="ports">The input ports in port order; empty for a source. Names must differ.</param>
    /// <param name="backends">Where the model can run: <see cref="Cpu"/> for every model, <see cref="Gpu"/> too where an accelerated version exists.</param>
    public ModelInfo(string className, SignalKind outputKind, IReadOnlyList<PortInfo> ports, IReadOnlySet<string> backends)
    {
        ClassName = className;
        OutputKind = outputKind;
        Ports = ports;
        Backends = backends;
    }

    /// <summary>The info of a model that runs only in the plain loop.</summary>
    public ModelInfo(string className, SignalKind outputKind, params PortInfo[] ports)
        : this(className, outputKind, ports, CpuOnly)
    {
    }

    /// <summary>The name network files use.</summary>
    public string ClassName
    {
        get;
        init => field = !string.IsNullOrEmpty(value) ? value : throw new ArgumentException("a model needs a class name", nameof(ClassName));
    }

    /// <summary>Spikes, or a continuous signal read from <see cref="ILayerModel.Output"/>.</summary>
    public SignalKind OutputKind { get; init; }

    /// <summary>The input ports in the order of <see cref="ILayerModel.Ports"/>; empty for a source.</summary>
    public IReadOnlyList<PortInfo> Ports
    {
        get;
        init => field = CheckPorts(value);
    }

    /// <summary>The backends that can run the model (<see cref="Cpu"/>, <see cref="Gpu"/>).</summary>
    public IReadOnlySet<string> Backends
    {
        get;
        init => field = value is { Count: > 0 } ? value.ToFrozenSet(StringComparer.Ordinal) : throw new ArgumentException("a model needs at least one backend", nameof(Backends));
    }

    /// <summary>True when the model takes no input (a generator such as <c>PoissonSource</c>).</summary>
    public bool IsSource => Ports.Count == 0;

    public bool Equals(ModelInfo? other) =>
        other is not null && ClassName == other.ClassName && OutputKind == other.OutputKind
        && Ports.SequenceEqual(other.Ports) && Backends.SetEquals(other.Backends);

    public override int GetHashCode() => HashCode.Combine(ClassName, OutputKind, Ports.Count, Backends.Count);

    public override string ToString() =>
        $"{ClassName}: {OutputKind} out, ports [{string.Join(", ", Ports.Select(p => $"{p.Name}:{p.Kind}"))}], backends {{{string.Join(", ", Backends.Order(StringComparer.Ordinal))}}}";

    private static IReadOnlyList<PortInfo> CheckPorts(IReadOnlyList<PortInfo> ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var port in ports)
            if (!seen.Add(port.Name)) throw new ArgumentException($"two input ports are named '{port.Name}'", nameof(Ports));
        return ports.ToArray();
    }
}
