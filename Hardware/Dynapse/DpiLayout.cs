namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// Layout constants of the DYNAP-SE1 DPI circuits (dynapse.md §2.5): subthreshold slope κ = (κ_n + κ_p)/2,
/// thermal voltage U_T, dark current I₀ (every current is clipped at it), pulse "on" voltage V_th and
/// the capacitances; and the conversions between time constants and currents.
/// </summary>
public static class DpiLayout
{
    public const double KappaN = 0.75;
    public const double KappaP = 0.66;
    public const double Kappa = (KappaN + KappaP) / 2;
    public const double Ut = 0.025;
    public const double I0 = 0.5e-12;
    public const double Vth = 0.7;
    public const double CMem = 3e-12;
    public const double CRef = 1.5e-12;
    public const double CPulse = 0.5e-12;
    public const double CPulseAhp = 0.5e-12;
    public const double CAhp = 40e-12;

    /// <summary>Synapse capacitances by type code: GABA_B 25 pF, GABA_A 24.5 pF, NMDA 25 pF, AMPA 24.5 pF.</summary>
    public static readonly double[] CSyn = [25e-12, 24.5e-12, 25e-12, 24.5e-12];

    /// <summary>The leak current that gives time constant <paramref name="tau"/> on capacitance <paramref name="c"/>: (U_T/κ)·C/τ.</summary>
    public static double LeakCurrent(double c, double tau) => Ut / Kappa * c / tau;

    /// <summary>The time constant of leak current <paramref name="i"/> on <paramref name="c"/>: C·U_T/(κ·I).</summary>
    public static double TimeConstant(double c, double i) => c * Ut / (Kappa * i);

    /// <summary>The current that makes a pulse of width <paramref name="t"/> on <paramref name="c"/>: V_th·C/t.</summary>
    public static double PulseCurrent(double c, double t) => Vth * c / t;

    /// <summary>The width of a pulse from current <paramref name="i"/>: V_th·C/I.</summary>
    public static double PulseWidth(double c, double i) => Vth * c / i;
}
