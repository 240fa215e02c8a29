namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// The numeric type of a digital layer's state (Rockpool's <c>state_type</c>): values are clipped
/// to the type's range and then cast, so integer states saturate at their limits and truncate
/// toward zero (numpy's clip + astype); float32 rounds to single precision.
/// </summary>
public sealed class StateType
{
    private StateType(string name, double min, double max, bool integer, bool single)
    {
        Name = name;
        Min = min;
        Max = max;
        IsInteger = integer;
        IsSingle = single;
    }

    public string Name { get; }
    public double Min { get; }
    public double Max { get; }
    public bool IsInteger { get; }
    public bool IsSingle { get; }

    public static StateType Parse(string name, string parameter) => name switch
    {
        "float" or "float64" or "double" => new(name, double.MinValue, double.MaxValue, false, false),
        "float32" => new(name, float.MinValue, float.MaxValue, false, true),
        "int8" => new(name, sbyte.MinValue, sbyte.MaxValue, true, false),
        "int16" => new(name, short.MinValue, short.MaxValue, true, false),
        "int32" => new(name, int.MinValue, int.MaxValue, true, false),
        "int" or "int64" => new(name, long.MinValue, long.MaxValue, true, false),
        "uint8" => new(name, byte.MinValue, byte.MaxValue, true, false),
        "uint16" => new(name, ushort.MinValue, ushort.MaxValue, true, false),
        _ => throw new ModelParameterException(parameter, $"unknown state_type '{name}'; known: float, float64, float32, int8, int16, int32, int64 (int), uint8, uint16"),
    };

    /// <summary>Clip to the type's range, then cast.</summary>
    public double Cast(double v)
    {
        if (double.IsNaN(v)) return v;
        v = Math.Clamp(v, Min, Max);
        if (IsInteger) return Math.Truncate(v);
        return IsSingle ? (float)v : v;
    }
}
