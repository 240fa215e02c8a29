using System.Text.Json;
using EventSpike.Neurons.Models;

namespace EventSpike.Actors.Builder;

/// <summary>
/// The weight a generator gives each synapse: a number (<c>0.012</c>, also by implicit conversion),
/// <see cref="Normal"/> (<c>{"mean", "std"}</c>, optionally <c>"min"</c>, <c>"max"</c>, <c>"keep_sign"</c>) or <see cref="Uniform"/> (<c>{"low", "high"}</c>).
/// </summary>
public readonly record struct Weight
{
    private Weight(JsonElement json) => Json = json;

    /// <summary>The weight as the network file writes it.</summary>
    public JsonElement Json { get; }

    public static Weight Constant(double value) => new(JsonElements.Of(value));

    /// <summary>
    /// Normally distributed weights, optionally clipped: a draw below <paramref name="min"/> or above <paramref name="max"/>
    /// takes that bound; <paramref name="keepSign"/> clips at 0 so no synapse changes sign (min 0 for a mean ≥ 0, max 0
    /// for a negative one), as PD14's weights are.
    /// </summary>
    public static Weight Normal(double mean, double std, double? min = null, double? max = null, bool keepSign = false)
    {
        List<KeyValuePair<string, JsonElement>> fields = [KeyValuePair.Create("mean", JsonElements.Of(mean)), KeyValuePair.Create("std", JsonElements.Of(std))];
        if (min is { } lo) fields.Add(KeyValuePair.Create("min", JsonElements.Of(lo)));
        if (max is { } hi) fields.Add(KeyValuePair.Create("max", JsonElements.Of(hi)));
        if (keepSign) fields.Add(KeyValuePair.Create("keep_sign", JsonElements.Of(true)));
        return new(JsonElements.Object(fields));
    }

    public static Weight Uniform(double low, double high) =>
        new(JsonElements.Object([KeyValuePair.Create("low", JsonElements.Of(low)), KeyValuePair.Create("high", JsonElements.Of(high))]));

    public static implicit operator Weight(double value) => Constant(value);

    public override string ToString() => Json.GetRawText();
}
