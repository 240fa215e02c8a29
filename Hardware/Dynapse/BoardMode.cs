namespace EventSpike.Hardware.Dynapse;

/// <summary>Which neuron model a board runs: the DPI circuits (<c>RecDynapSE</c>) or Rockpool 1's AdEx approximation (<c>VirtualDynapse</c>).</summary>
public enum BoardMode
{
    Dpi,
    Virtual,
}
