using System.Globalization;
using System.Text;
using System.Text.Json;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Tests;

/// <summary>
/// A network description as comparable text: every field that changes what runs (names, types, sizes, parameters,
/// steps, placement, weights, delays, ports, records, probes), JSON objects with their keys sorted and numbers as
/// doubles, so that two front ends that describe the same network compare equal; where in a file things stand does not count.
/// </summary>
public sealed record NetworkText(string Name, string Body)
{
    public static NetworkText Of(NetworkSpec s)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"dt={s.Dt:R} duration={s.Duration:R} seed={s.Seed} window={s.MaxWindow:R} record={(s.Record is null ? "all" : string.Join(",", s.Record))}\n");
        foreach (var l in s.Layers)
        {
            b.Append(CultureInfo.InvariantCulture, $"layer {l.Name} {l.Type} {l.Size} dt={l.Dt:R} node={l.Node} backend={l.Backend}");
            foreach (var (k, v) in l.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) b.Append($" {k}={Canonical(v)}");
            if (l.Sensor is { } x) b.Append(CultureInfo.InvariantCulture, $" sensor={x.Width}x{x.Height} crop={x.Crop} pool={x.PoolX}x{x.PoolY} split={x.SplitPolarity}");
            b.Append('\n');
        }
        foreach (var c in s.Connections) b.Append(CultureInfo.InvariantCulture, $"{c.From}->{c.To} delay={c.Delay:R} {(c.DelayDistribution is { } d ? Canonical(d) : "")} port={c.Port} {Canonical(c.Weights)}\n");
        foreach (var p in s.Probes)
            b.Append(CultureInfo.InvariantCulture, $"probe {p.Layer}.{p.Variable} [{(p.Neurons is null ? "all" : string.Join(",", p.Neurons))}] {p.Interval:R}\n");
        return new NetworkText(s.Name, b.ToString());
    }

    public static string Canonical(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}:{Canonical(p.Value)}")) + "}",
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.Number => e.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => e.GetRawText(),
    };
}
