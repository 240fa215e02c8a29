namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// The weight-discretisation error on one core for one matrix (dynapse.md §5.4): over the
/// <see cref="Entries"/> nonzero requested weights W whose post neuron sits on <see cref="Core"/>,
/// realised as W_D = count × the sign's unit: RMS relative error √(Σ(W − W_D)² / ΣW²), the largest
/// absolute error max|W − W_D| and the largest relative error max|W − W_D|/|W| (1 where W rounded to 0).
/// </summary>
public sealed record CoreQuantisation(string Matrix, int Core, int Entries, double RmsRelative, double MaxAbs, double MaxRelative);
