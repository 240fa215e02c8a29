using System.Globalization;

namespace EventSpike.Host.Output;

/// <summary>
/// Prints spike times as the contract asks: step·dt with enough digits that time/dt rounds back
/// to the step, and no float noise (step 219 at dt = 1e-4 prints 0.0219, not 0.021900000000000003).
/// </summary>
public sealed class TimeFormat
{
    private readonly double _dt;
    private readonly int _digits;

    public TimeFormat(double dt)
    {
        _dt = dt;
        _digits = Math.Clamp((int)Math.Ceiling(-Math.Log10(dt)) + 3, 1, 15);
    }

    public string Seconds(long step) => Math.Round(step * _dt, _digits).ToString("R", CultureInfo.InvariantCulture);
}
