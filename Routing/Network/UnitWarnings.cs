using System.Globalization;
using System.Text.Json;
using EventSpike.Neurons.Models;

namespace EventSpike.Routing.Network;

/// <summary>
/// Values that look like the wrong unit, as NEST's and Brian2's users slip into them (every value here is
/// SI): a potential above 1 V in magnitude (millivolts given as volts), a time constant of 1 s or more
/// (milliseconds as seconds), a rate above 1 kHz, a delay shorter than half a step (it rounds to no delay).
/// Each is a warning naming the layer or connection, the parameter and the value; the run goes on.
/// Units come from the models' documentation (<see cref="ModelCatalog.Document"/>).
/// </summary>
public static class UnitWarnings
{
    public static IEnumerable<string> Of(LayerSpec layer, string where)
    {
        if (layer.Prebuilt is not null || !ModelCatalog.IsKnown(layer.Type)) yield break;
        var units = ModelCatalog.Document(layer.Type).Parameters.ToDictionary(p => p.Name, p => p.Unit, StringComparer.Ordinal);
        foreach (var (name, value) in layer.Parameters)
        {
            if (!units.TryGetValue(name, out var unit)) continue;
            var largest = Numbers(value).Select(Math.Abs).DefaultIfEmpty(0).Max();
            var shown = largest.ToString("G4", CultureInfo.InvariantCulture);
            if (unit == "V" && largest > 1)
                yield return $"{where} '{layer.Name}': {name} of {shown} V is a potential above 1 V: millivolts given as volts? (values are SI)";
            else if (unit == "s" && name.StartsWith("tau", StringComparison.Ordinal) && largest >= 1)
                yield return $"{where} '{layer.Name}': {name} of {shown} s is a time constant of a second or more: milliseconds given as seconds? (values are SI)";
            else if (unit == "Hz" && largest > 1000)
                yield return $"{where} '{layer.Name}': {name} of {shown} Hz is a rate above 1 kHz: is that meant?";
        }
    }

    /// <summary>A delay that rounds to no delay at all.</summary>
    public static string? OfDelay(double delay, double dt, string where) =>
        delay > 0 && StepCount.Delay(delay, dt) == 0
            ? $"{where}: delay {delay.ToString("G4", CultureInfo.InvariantCulture)} s is shorter than half a step ({dt.ToString("G4", CultureInfo.InvariantCulture)} s) and rounds to no delay"
            : null;

    private static IEnumerable<double> Numbers(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number) yield return value.GetDouble();
        else if (value.ValueKind == JsonValueKind.Array)
            foreach (var item in value.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Number) yield return item.GetDouble();
    }
}
