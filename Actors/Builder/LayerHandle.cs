namespace EventSpike.Actors.Builder;

/// <summary>A layer added to a <see cref="NetworkBuilder"/>: its name (also by implicit conversion, so that handles connect), type and size.</summary>
public sealed record LayerHandle(string Name, string Type, int Size)
{
    public static implicit operator string(LayerHandle layer) => layer.Name;

    public override string ToString() => Name;
}
