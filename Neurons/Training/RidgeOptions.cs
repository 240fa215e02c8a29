namespace EventSpike.Neurons.Training;

/// <summary>
/// Rockpool's <c>train_rr</c> options: <c>regularize</c> λ, <c>train_biases</c>, <c>fisher_relabelling</c>,
/// <c>return_trained_output</c>, and <c>store_states</c> (FFExpSyn: carry the input filter across batches).
/// </summary>
public sealed record RidgeOptions(double Regularize = 0, bool TrainBiases = true, bool FisherRelabelling = false,
    bool ReturnTrainedOutput = false, bool StoreStates = true);
