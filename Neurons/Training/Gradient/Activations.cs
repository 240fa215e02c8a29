namespace EventSpike.Neurons.Training.Gradient;

/// <summary>The element-wise activations by name with their derivatives: relu, tanh, sigmoid, linear, leaky_relu (slope 0.3).</summary>
public static class Activations
{
    public static (Func<double, double> F, Func<double, double> Derivative) ByName(string name) => name switch
    {
        "relu" or "re_lu" or "H_ReLU" or "ReLU" => (x => x > 0 ? x : 0, x => x > 0 ? 1 : 0),
        "tanh" or "H_tanh" or "Tanh" => (Math.Tanh, x => 1 - Math.Tanh(x) * Math.Tanh(x)),
        "sigmoid" or "Sigmoid" => (Sigmoid, x => Sigmoid(x) * (1 - Sigmoid(x))),
        "linear" or "identity" or "None" => (x => x, _ => 1),
        "leaky_relu" or "LeakyReLU" => (x => x > 0 ? x : 0.3 * x, x => x > 0 ? 1 : 0.3),
        _ => throw new ArgumentException($"unknown activation '{name}'; known: relu, tanh, sigmoid, linear, leaky_relu"),
    };

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
