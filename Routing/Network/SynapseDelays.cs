using System.Globalization;
using System.Text.Json;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;

namespace EventSpike.Routing.Network;

/// <summary>
/// A connection's per-synapse delays: <c>"delay": {"mean": m, "std": s}</c> (normal, truncated to [dt, ∞) by drawing
/// again, as NEST's <c>redraw(normal, min=dt)</c>; optional <c>min</c> ≥ dt and <c>max</c> bounds, also by drawing again)
/// or <c>{"low": a, "high": b}</c> (uniform). Every delay is rounded to whole steps (half away from zero), at least
/// one step. Delays are drawn one per synapse, in table order, from the connection's own delay stream
/// (seed, <c>connection:FROM->TO#k:delay</c>), after its synapses: the synapses and weights do not depend on them.
/// </summary>
public static class SynapseDelays
{
    /// <summary>A checked delay distribution: its shortest and (about) longest delay in steps, and how to draw <c>count</c> delays.</summary>
    public sealed record Plan(int MinSteps, int MaxSteps, Func<Xoshiro256StarStar, int, int[]> Draw);

    public static Plan Parse(JsonElement e, double dt, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new NetworkSpecException($"{where}: 'delay' must be a number of seconds, {{\"mean\", \"std\"}} or {{\"low\", \"high\"}}");
        var maxDelay = SynapseTable.MaxSynapseDelay * dt;
        double? Get(string name) => e.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new NetworkSpecException($"{where}: delay.{name} must be a number of seconds")
            : null;
        foreach (var prop in e.EnumerateObject())
            if (prop.Name is not ("mean" or "std" or "min" or "max" or "low" or "high"))
                throw new NetworkSpecException($"{where}: unknown delay field '{prop.Name}'; a delay has mean, std, min, max (normal) or low, high (uniform)");
        if (Get("mean") is { } mean)
        {
            var std = Get("std") ?? throw new NetworkSpecException($"{where}: a normal delay needs 'std'");
            if (!(std >= 0) || double.IsInfinity(std) || !double.IsFinite(mean)) throw new NetworkSpecException($"{where}: delay mean and std must be finite, std ≥ 0");
            var min = Math.Max(Get("min") ?? dt, dt);
            var max = Math.Min(Get("max") ?? double.PositiveInfinity, maxDelay);
            if (min > max) throw new NetworkSpecException(Text($"{where}: delay bounds [{min}, {max}] s are empty (delays are at least dt and at most {SynapseTable.MaxSynapseDelay} steps)"));
            // Drawing again must end: the bounds hold a fair part of the distribution.
            if (std == 0 ? mean < min || mean > max : mean + 5 * std < min || mean - 5 * std > max)
                throw new NetworkSpecException(Text($"{where}: a normal delay of mean {mean} s and std {std} s almost never falls in [{min}, {max}] s"));
            var longest = Math.Min(max, mean + 6 * std);
            return new Plan(Steps(min, dt), Steps(Math.Max(min, longest), dt), (rng, count) =>
            {
                var d = new int[count];
                for (var s = 0; s < count; s++)
                {
                    double x;
                    do x = mean + std * rng.NextGaussian(); while (x < min || x > max);
                    d[s] = Steps(x, dt);
                }
                return d;
            });
        }
        if (Get("low") is { } low && Get("high") is { } high)
        {
            if (!(low >= 0) || !(high >= low) || high > maxDelay)
                throw new NetworkSpecException(Text($"{where}: a uniform delay needs 0 ≤ low ≤ high ≤ {maxDelay} s ({SynapseTable.MaxSynapseDelay} steps), got [{low}, {high}]"));
            return new Plan(Steps(low, dt), Steps(high, dt), (rng, count) =>
            {
                var d = new int[count];
                for (var s = 0; s < count; s++) d[s] = Steps(rng.NextUniform(low, high), dt);
                return d;
            });
        }
        throw new NetworkSpecException($"{where}: 'delay' must be a number of seconds, {{\"mean\", \"std\"}} or {{\"low\", \"high\"}}");
    }

    /// <summary>A delay in whole steps, half away from zero, at least one step and at most <see cref="SynapseTable.MaxSynapseDelay"/>.</summary>
    public static int Steps(double delay, double dt) =>
        (int)Math.Clamp(Math.Round(delay / dt, MidpointRounding.AwayFromZero), 1, SynapseTable.MaxSynapseDelay);

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
