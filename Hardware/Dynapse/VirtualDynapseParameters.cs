namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// Rockpool 1's VirtualDynapse parameters (rockpool-digest §9.3), each one value per core (16),
/// names and defaults as Rockpool's: membrane time constants tau_mem_1/tau_mem_2 (s; a neuron with
/// has_tau_mem_2 uses the second), synaptic time constants tau_syn_exc/inh (s), base weights
/// baseweight_e/i (V per connection), bias (V), refractory (s), v_thresh (V), spike_adapt (V per
/// spike), tau_adapt (s), delta_t (V, the exponential slope; 0 = plain LIF).
/// </summary>
public sealed record VirtualDynapseParameters
{
    public static readonly string[] Names =
        ["tau_mem_1", "tau_mem_2", "tau_syn_exc", "tau_syn_inh", "baseweight_e", "baseweight_i", "bias", "refractory", "v_thresh", "spike_adapt", "tau_adapt", "delta_t"];

    public static readonly double[] Defaults = [0.02, 0.02, 0.05, 0.05, 0.01, 0.01, 0, 1e-3, 0.01, 0, 0.1, 0.002];

    /// <summary>Values[p][core], p indexing <see cref="Names"/>.</summary>
    public double[][] Values { get; init; } = Defaults.Select(d => Enumerable.Repeat(d, BoardGeometry.Cores).ToArray()).ToArray();

    public double this[string name, int core] => Values[Index(name)][core];

    public static int Index(string name)
    {
        var i = Array.IndexOf(Names, name);
        return i >= 0 ? i : throw new KeyNotFoundException($"VirtualDynapse has no parameter '{name}'");
    }

    /// <summary>A copy with parameter <paramref name="name"/> set on every core (negative values clipped to 0, as Rockpool does).</summary>
    public VirtualDynapseParameters With(string name, IReadOnlyList<double> perCore)
    {
        if (perCore.Count is not 1 and not BoardGeometry.Cores)
            throw new ArgumentException($"'{name}' needs one value or {BoardGeometry.Cores} (one per core), got {perCore.Count}");
        var values = Values.Select(v => (double[])v.Clone()).ToArray();
        for (var c = 0; c < BoardGeometry.Cores; c++)
        {
            var v = perCore[perCore.Count == 1 ? 0 : c];
            if (!double.IsFinite(v)) throw new ArgumentException($"'{name}' of core {c} must be finite, got {v}");
            values[Index(name)][c] = Math.Max(0, v);
        }
        return this with { Values = values };
    }

    public bool Equals(VirtualDynapseParameters? other) =>
        other is not null && Values.Zip(other.Values).All(p => p.First.SequenceEqual(p.Second));

    public override int GetHashCode() => Values[0][0].GetHashCode();
}
