namespace EventSpike.Neurons.Models.Docs;

/// <summary>Parameter, port and state descriptions several models share, and short constructors for them.</summary>
internal static class SharedDocs
{
    public static ParameterDoc P(string name, string @default, string unit, string meaning) => new(name, @default, unit, meaning);

    public static PortDoc Port(string name, string meaning) => new(name, meaning);

    public static StateDoc S(string name, string unit, string meaning) => new(name, unit, meaning);

    /// <summary>Rockpool's layer <c>name</c>, read by every zoo layer.</summary>
    public static readonly ParameterDoc Name = P("name", "\"unnamed\"", "—", "Rockpool's layer name, kept for to_dict");

    /// <summary>The initial-potential parameters of <see cref="InitialPotentials"/> (<c>v_init_mean</c> defaults to <paramref name="meanDefault"/>).</summary>
    public static ParameterDoc[] VInit(string meanDefault) =>
    [
        P("v_init", "v_rest", "V", "initial potential: a number, or [low, high] for a uniform draw per neuron"),
        P("v_init_values", "—", "V", "every neuron's initial potential (what ToDict writes back after a draw)"),
        P("v_init_mean", meanDefault, "V", "mean of a normal draw of the initial potentials (a number v_init, else v_rest, when absent)"),
        P("v_init_std", "0", "V", "standard deviation of that normal draw (given alone: around v_rest; not with a [low, high] v_init)"),
    ];

    /// <summary>The port of spikes every spiking zoo layer reads through its own input weights.</summary>
    public static readonly PortDoc SpikesIn = Port("input", "weighted input spikes (event counts per channel and step), through the layer's input weights");

    /// <summary>The continuous port of the zoo layers.</summary>
    public static readonly PortDoc CurrentIn = Port("input", "a continuous input, held constant over each step");
}
