using System.Runtime.CompilerServices;

namespace EventSpike.Neurons.Models;

/// <summary>
/// Rows of zeros that the engine passes as a port's input at a step with none (a port nothing feeds, or no spike
/// arrived). Nobody writes into them; a model may test a row with <see cref="IsZero"/> and skip reading it, as long
/// as it computes what it would have computed from the zeros (x + 0.0, not x, where −0.0 could matter).
/// </summary>
public static class ZeroRows
{
    private static readonly ConditionalWeakTable<double[], object> Known = new();
    private static readonly object Marker = new();

    /// <summary>A new row of <paramref name="width"/> zeros, known as such to <see cref="IsZero"/>.</summary>
    public static double[] Create(int width)
    {
        var row = new double[width];
        Known.Add(row, Marker);
        return row;
    }

    /// <summary>True when <paramref name="row"/> is one of the rows <see cref="Create"/> made (all zeros).</summary>
    public static bool IsZero(double[] row) => Known.TryGetValue(row, out _);
}
