namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Element-wise activation functions by name, as network files give them. Rockpool's names
/// (<c>re_lu</c>, <c>H_ReLU</c>, <c>H_tanh</c>) and Keras's (<c>relu</c>, <c>tanh</c>, <c>sigmoid</c>,
/// <c>linear</c>, <c>leaky_relu</c>, slope 0.3 as Keras's LeakyReLU) are accepted.
/// </summary>
public static class Activation
{
    public static Func<double, double> ByName(string name, string parameter) => name switch
    {
        "relu" or "re_lu" or "H_ReLU" or "ReLU" => x => x > 0 ? x : 0,
        "tanh" or "H_tanh" or "Tanh" => Math.Tanh,
        "sigmoid" or "Sigmoid" => x => 1.0 / (1.0 + Math.Exp(-x)),
        "linear" or "identity" or "None" => x => x,
        "leaky_relu" or "LeakyReLU" => x => x > 0 ? x : 0.3 * x,
        _ => throw new ModelParameterException(parameter,
            $"unknown activation '{name}'; known: relu (re_lu, H_ReLU), tanh (H_tanh), sigmoid, linear, leaky_relu"),
    };

    /// <summary>True when the activation can give negative values.</summary>
    public static bool CanBeNegative(string name) => name is "tanh" or "H_tanh" or "Tanh" or "linear" or "identity" or "None" or "leaky_relu" or "LeakyReLU";
}
