using EventSpike.Hardware.Dynapse.Weights;

namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// Per-core quantisation error of <c>DiscretiseWeightMatrix</c> (dynapse.md §5.4, rockpool-digest §7): real
/// weights become integer connection counts × a unit per sign (u_E = max W⁺/k, u_I = max |W⁻|/k), and a
/// core's weight current is shared by its 256 neurons, so the error is reported per core of the post neuron.
/// </summary>
public static class QuantisationReport
{
    /// <summary>
    /// Discretises <paramref name="w"/> (pre × post) to <paramref name="maxNumConnections"/> levels per sign
    /// and reports, per core of <paramref name="postIds"/>[j] (the board neuron of column j), the error of the
    /// realised weights against the requested ones; cores without a nonzero request are left out.
    /// </summary>
    public static IReadOnlyList<CoreQuantisation> PerCore(string matrix, double[,] w, int maxNumConnections, IReadOnlyList<int> postIds)
    {
        if (postIds.Count != w.GetLength(1)) throw new ArgumentException($"{matrix}: {postIds.Count} board neurons for {w.GetLength(1)} columns");
        var (realised, _) = ReservoirWeights.DiscretiseWeightMatrix(w, maxNumConnections);
        var cores = new SortedDictionary<int, (int N, double Err2, double W2, double MaxAbs, double MaxRel)>();
        for (var i = 0; i < w.GetLength(0); i++)
            for (var j = 0; j < w.GetLength(1); j++)
            {
                var requested = w[i, j];
                if (requested == 0) continue;
                var core = BoardGeometry.CoreOf(postIds[j]);
                var err = Math.Abs(requested - realised[i, j]);
                var c = cores.GetValueOrDefault(core);
                cores[core] = (c.N + 1, c.Err2 + err * err, c.W2 + requested * requested, Math.Max(c.MaxAbs, err), Math.Max(c.MaxRel, err / Math.Abs(requested)));
            }
        return cores.Select(c => new CoreQuantisation(matrix, c.Key, c.Value.N, Math.Sqrt(c.Value.Err2 / c.Value.W2), c.Value.MaxAbs, c.Value.MaxRel)).ToList();
    }
}
