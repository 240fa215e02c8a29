using System.Text.Json;
using EventSpike.Neurons.Models;

namespace EventSpike.Actors.Builder;

/// <summary>
/// The <c>weights</c> of a connection: a dense <c>[from.size][to.size]</c> matrix (<see cref="Dense"/>) or a
/// generator (<see cref="Bernoulli"/>, <see cref="FixedIndegree"/>, <see cref="FixedTotalNumber"/>, <see cref="OneToOne"/>) with the common
/// fields of docs/network-format.md: <c>weight_inh</c> with <c>exc_fraction</c> (the last (1 − fraction)
/// presynaptic neurons inhibitory), <c>autapses</c>, and <c>pre_range</c> (only presynaptic neurons [first, end)).
/// </summary>
public sealed record Weights
{
    private Weights(JsonElement json) => Json = json;

    /// <summary>The weights as the network file writes them.</summary>
    public JsonElement Json { get; }

    /// <summary>Weights as a network file gives them (a matrix or a generator object), checked when the network is compiled.</summary>
    public static Weights FromJson(JsonElement json) => new(json.Clone());

    /// <summary>Every (pre, post) pair connected with probability <paramref name="p"/>.</summary>
    public static Weights Bernoulli(double p, Weight weight, Weight? weightInh = null, double? excFraction = null, bool? autapses = null,
        (int First, int End)? preRange = null) =>
        Generator("bernoulli", [KeyValuePair.Create("p", JsonElements.Of(p))], weight, weightInh, excFraction, autapses, preRange);

    /// <summary>Every target draws exactly <paramref name="indegree"/> sources uniformly (repeats allowed).</summary>
    public static Weights FixedIndegree(int indegree, Weight weight, Weight? weightInh = null, double? excFraction = null, bool? autapses = null,
        (int First, int End)? preRange = null) =>
        Generator("fixed_indegree", [KeyValuePair.Create("indegree", JsonElements.Of(indegree))], weight, weightInh, excFraction, autapses, preRange);

    /// <summary>
    /// Exactly <paramref name="n"/> synapses, each (pre, post) pair drawn uniformly, repeats allowed (NEST's
    /// <c>fixed_total_number</c> with multapses, as PD14 connects its populations); rows sorted by target.
    /// </summary>
    public static Weights FixedTotalNumber(int n, Weight weight, Weight? weightInh = null, double? excFraction = null, bool? autapses = null,
        (int First, int End)? preRange = null) =>
        Generator("fixed_total_number", [KeyValuePair.Create("n", JsonElements.Of(n))], weight, weightInh, excFraction, autapses, preRange);

    /// <summary>Neuron i → neuron i (equal sizes).</summary>
    public static Weights OneToOne(Weight weight, Weight? weightInh = null, double? excFraction = null, (int First, int End)? preRange = null) =>
        Generator("one_to_one", [], weight, weightInh, excFraction, null, preRange);

    /// <summary>A convolution or pooling, or several applied left to right (a <c>chain</c>): docs/network-format.md, "Convolutions".</summary>
    public static Weights Convolution(params Neurons.Kernels.ConvStage[] stages)
    {
        using var doc = JsonDocument.Parse(Routing.Network.ConvWeights.Json(stages).ToJsonString());
        return FromJson(doc.RootElement);
    }

    /// <summary>A dense matrix <c>[pre, post]</c> (Rockpool's layout); zeros are no synapse.</summary>
    public static Weights Dense(double[,] matrix) => new(JsonElements.Of(matrix));

    private static Weights Generator(string name, KeyValuePair<string, JsonElement>[] own, Weight weight, Weight? weightInh, double? excFraction,
        bool? autapses, (int First, int End)? preRange)
    {
        var fields = new List<KeyValuePair<string, JsonElement>> { KeyValuePair.Create("generator", JsonElements.Of(name)) };
        fields.AddRange(own);
        fields.Add(KeyValuePair.Create("weight", weight.Json));
        if (excFraction is { } f) fields.Add(KeyValuePair.Create("exc_fraction", JsonElements.Of(f)));
        if (weightInh is { } inh) fields.Add(KeyValuePair.Create("weight_inh", inh.Json));
        if (autapses is { } a) fields.Add(KeyValuePair.Create("autapses", JsonElements.Of(a)));
        if (preRange is { } r) fields.Add(KeyValuePair.Create("pre_range", JsonElements.Of(new[] { r.First, r.End })));
        return new(JsonElements.Object(fields));
    }

    public override string ToString() => Json.GetRawText();
}
