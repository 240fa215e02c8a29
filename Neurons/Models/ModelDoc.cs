namespace EventSpike.Neurons.Models;

/// <summary>
/// What a registered model class is, for people: its family, a one-line summary, its equations and
/// integration scheme (as the comment above the model's code gives them), its parameters with
/// defaults and units, its input ports and the state variables a probe can record. Registered with
/// each class name next to its <see cref="ModelInfo"/> (<see cref="ModelCatalog.Register"/>), read
/// back with <see cref="ModelCatalog.Document"/>; <see cref="ModelMarkdown"/> renders it. Tests hold
/// it to the code: the parameters are exactly those the model reads, the literal defaults are those
/// the model takes, the ports and state names are the model's.
/// </summary>
/// <param name="Family">Where the model comes from, e.g. "NEST-named", "Rockpool JAX LIF", "KerasSpiking".</param>
/// <param name="Summary">One line: what the model is.</param>
/// <param name="Equations">The equations, one per line, with units as the model uses them.</param>
/// <param name="Integration">The integration scheme and the update of one step.</param>
/// <param name="Parameters">Every parameter the model reads, in the order the code reads them.</param>
/// <param name="Ports">The input ports, in port order (empty for a source).</param>
/// <param name="State">The state variables, in the order of <see cref="ILayerModel.StateNames"/>.</param>
public sealed record ModelDoc(
    string Family,
    string Summary,
    string Equations,
    string Integration,
    IReadOnlyList<ParameterDoc> Parameters,
    IReadOnlyList<PortDoc> Ports,
    IReadOnlyList<StateDoc> State)
{
    /// <summary>The parameter called <paramref name="name"/>, or null.</summary>
    public ParameterDoc? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}
