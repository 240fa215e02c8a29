namespace EventSpike.Routing.Nir;

/// <summary>
/// A node of a NIR graph: its primitive type (<c>LIF</c>, <c>Affine</c>, …, <c>NIRGraph</c>) and its
/// fields by name; a <c>NIRGraph</c> node also holds its nested <see cref="Graph"/>.
/// </summary>
public sealed record NirNode(string Type, IReadOnlyDictionary<string, NirField> Fields, NirGraph? Graph = null)
{
    public const string GraphType = "NIRGraph";

    public NirField? Field(string name) => Fields.TryGetValue(name, out var f) ? f : null;
}
