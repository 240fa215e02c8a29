namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Which member of Rockpool's Torch IAF family a class name means: current or spike input,
/// feed-forward or recurrent, refractory or not, constant leak, and the class's bias default.
/// <paramref name="Brian"/> marks the deprecated Brian names, which take <c>integrator_name</c>.
/// </summary>
public sealed record IafTorchVariant(bool SpikeInput, bool Recurrent, bool Refractory, bool ConstantLeak, double BiasDefault, bool Brian = false)
{
    /// <summary>Every class name of the family with its variant (Brian names are aliases with the same dynamics).</summary>
    public static readonly IReadOnlyDictionary<string, IafTorchVariant> ByName = new Dictionary<string, IafTorchVariant>(StringComparer.Ordinal)
    {
        ["FFIAFTorch"] = new(false, false, false, false, 0.015),
        ["FFIAFRefrTorch"] = new(false, false, true, false, 0.015),
        ["FFIAFSpkInTorch"] = new(true, false, false, false, 0.01),
        ["FFIAFSpkInRefrTorch"] = new(true, false, true, false, 0.01),
        ["RecIAFTorch"] = new(false, true, false, false, 0.015),
        ["RecIAFRefrTorch"] = new(false, true, true, false, 0.015),
        ["RecIAFSpkInTorch"] = new(true, true, false, false, 0.0105),
        ["RecIAFSpkInRefrTorch"] = new(true, true, true, false, 0.0105),
        ["RecIAFSpkInRefrCLTorch"] = new(true, true, true, true, 0.0105),
        // Brian layers (deprecated in 1.0.7): same equations, refractory always available; their
        // bias defaults as their signatures give them (15 mA, 10 mA, 10.5 mA, 10.5 mA → volts here).
        ["FFIAFBrian"] = new(false, false, true, false, 0.015, Brian: true),
        ["FFIAFSpkInBrian"] = new(true, false, true, false, 0.01, Brian: true),
        ["RecIAFBrian"] = new(false, true, true, false, 0.0105, Brian: true),
        ["RecIAFSpkInBrian"] = new(true, true, true, false, 0.0105, Brian: true),
    };
}
