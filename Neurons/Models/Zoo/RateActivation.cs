namespace EventSpike.Neurons.Models.Zoo;

/// <summary>Reads Rockpool's <c>activation_func</c> (a name here) for the rate layers.</summary>
internal static class RateActivation
{
    public static (string Name, Func<double, double> Function) Read(LayerParameters p, string fallback)
    {
        var name = p.Text("activation_func", fallback);
        return (name, Activation.ByName(name, "activation_func"));
    }
}
