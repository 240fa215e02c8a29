namespace EventSpike.Neurons.Training;

/// <summary>
/// What one <c>train_rr</c> batch returns: the trainer (its accumulated XᵀX and XᵀY: Rockpool's
/// training progress), and on the last batch the weights (M×O), biases and, on request, the trained
/// output X·W + b of that batch's rows.
/// </summary>
public sealed record ReadoutResult(RidgeRegression Progress, double[,]? Weights = null, double[]? Bias = null, double[,]? TrainedOutput = null);
