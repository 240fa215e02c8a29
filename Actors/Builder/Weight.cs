using System.Text.Json;
using EventSpike.Neurons.Models;

namespace EventSpike.Actors.Builder;

/// <summary>
/// The weight a generator gives each synapse: a number (<c>0.012</c>, also by implicit conversion),
/// <see cref="Normal"/> (<c>{"mean", "std"}</c>) or <see cref="Uniform"/> (<c>{"low", "high"}</c>).
/// </summary>
public readonly record struct Weight
{
    private Weight(JsonElement json) => Json = json;

    /// <summary>The weight as the network file writes it.</summary>
    public JsonElement Json { get; }

    public static Weight Constant(double value) => new(JsonElements.Of(value));

    public static Weight Normal(double mean, double std) =>
        new(JsonElements.Object([KeyValuePair.Create("mean", JsonElements.Of(mean)), KeyValuePair.Create("std", JsonElements.Of(std))]));

    public static Weight Uniform(double low, double high) =>
        new(JsonElements.Object([KeyValuePair.Create("low", JsonElements.Of(low)), KeyValuePair.Create("high", JsonElements.Of(high))]));

    public static implicit operator Weight(double value) => Constant(value);

    public override string ToString() => Json.GetRawText();
}
