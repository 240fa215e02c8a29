namespace EventSpike.Neurons.Models.Zoo;

/// <summary>The time constant of the KerasSpiking filters: <c>tau</c> (or Keras 0.3's <c>tau_initializer</c> given as a number).</summary>
internal static class FilterParameters
{
    public static double[] Tau(LayerParameters p, int size)
    {
        var name = p.Has("tau") ? "tau" : p.Has("tau_initializer") ? "tau_initializer" : null;
        if (name is null) throw new ModelParameterException("tau", "'tau' is required (seconds)");
        var tau = p.PerNeuron(name, 0, size);
        foreach (var t in tau)
            if (!(t >= 0) || double.IsInfinity(t)) throw new ModelParameterException(name, $"'{name}' must be ≥ 0, got {t}");
        return tau;
    }
}
