namespace EventSpike.Routing.Nir;

/// <summary>
/// How a NIR graph (continuous time, no step) becomes a network: the step <paramref name="Dt"/> (seconds),
/// the reset of spiking neurons ("zero": to v_reset as NIR defines it, or "subtract") and the
/// integration method ("exact": zero-order hold, or "euler" as Norse and snnTorch step) and what a spike
/// brings to a neuron ("value": 1 over its step, as Norse and snnTorch; "delta": area 1, as Sinabs' IAF).
/// <paramref name="Kernels"/>: a chain of convolutions and poolings between two layers becomes a convolution
/// connection (<c>conv2d</c>, <c>chain</c>, … computed by the kernel) rather than a synapse <c>table</c> (false).
/// </summary>
public sealed record NirImportOptions(double Dt, string Reset = "zero", string Method = "exact", string Spikes = "value", bool Kernels = true)
{
    public static readonly IReadOnlyList<string> Resets = ["zero", "subtract"];
    public static readonly IReadOnlyList<string> Methods = ["exact", "euler"];
    public static readonly IReadOnlyList<string> SpikeForms = ["value", "delta"];
}
