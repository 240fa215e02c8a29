using System.Globalization;

namespace EventSpike.Host.Output;

/// <summary>
/// The one way a run's speed is said: simulated seconds per wall-clock second, as "S× real time" (above 1 is
/// faster than real time). The run's final line, its progress line, <c>inspect</c> and summary.json's
/// <c>speed_x_real_time</c> all say it this way.
/// </summary>
public static class SpeedFigure
{
    /// <summary>The summary.json field that holds <see cref="Of"/>.</summary>
    public const string JsonField = "speed_x_real_time";

    /// <summary>Simulated seconds per wall second; 0 when no wall time has passed.</summary>
    public static double Of(double simulatedSeconds, double wallSeconds) => wallSeconds > 0 ? simulatedSeconds / wallSeconds : 0;

    /// <summary>"S× real time", with two decimals from 1 up and four significant places below.</summary>
    public static string Text(double simulatedSeconds, double wallSeconds)
    {
        var speed = Of(simulatedSeconds, wallSeconds);
        var number = speed >= 1 ? speed.ToString("0.00", CultureInfo.InvariantCulture) : speed.ToString("0.0###", CultureInfo.InvariantCulture);
        return number + "× real time";
    }
}
