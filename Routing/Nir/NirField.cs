namespace EventSpike.Routing.Nir;

/// <summary>How a field of a NIR node is stored in the HDF5 file.</summary>
public enum NirFieldKind
{
    Float32,
    Float64,
    Integer,
    Text,
}

/// <summary>
/// One field of a NIR node (a dataset in its HDF5 group): numbers in row-major order with their
/// shape (empty for a scalar), or a text. Numbers are held as doubles whatever their stored kind,
/// which <see cref="Kind"/> keeps so a written file stores them as it read them.
/// </summary>
public sealed record NirField(double[] Data, int[] Shape, NirFieldKind Kind, string? Text = null)
{
    public static NirField Floats(double[] data, params int[] shape) => new(data, shape, NirFieldKind.Float64);

    public static NirField Vector(params double[] data) => new(data, [data.Length], NirFieldKind.Float64);

    public static NirField Integers(params long[] data) => new(data.Select(x => (double)x).ToArray(), [data.Length], NirFieldKind.Integer);

    public static NirField Scalar(long value) => new([value], [], NirFieldKind.Integer);

    public static NirField String(string text) => new([], [], NirFieldKind.Text, text);

    public bool IsText => Kind == NirFieldKind.Text;

    /// <summary>Number of values (1 for a scalar).</summary>
    public int Count => Data.Length;

    public string ShapeText => IsText ? "text" : Shape.Length == 0 ? "scalar" : string.Join("×", Shape);

    /// <summary>True when both hold the same values, shape and kind (float32 and float64 compare as numbers).</summary>
    public bool SameAs(NirField other) =>
        IsText == other.IsText && Text == other.Text && Shape.SequenceEqual(other.Shape) && Data.SequenceEqual(other.Data)
        && (Kind == NirFieldKind.Integer) == (other.Kind == NirFieldKind.Integer);
}
