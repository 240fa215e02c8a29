using System.Text.Json.Nodes;

namespace EventSpike.Neurons.Models;

/// <summary>Helpers to write a model's parameters as Rockpool writes them in <c>to_dict</c>.</summary>
public static class ModelDict
{
    public static JsonObject Create(string className, int size, double dt) =>
        new() { ["class_name"] = className, ["size"] = size, ["dt"] = dt };

    /// <summary>A scalar when every neuron has the same value, else the list.</summary>
    public static JsonNode PerNeuron(double[] values) =>
        values.Length > 0 && values.All(v => v.Equals(values[0])) ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    public static JsonArray List(IEnumerable<double> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    /// <summary>A [rows][cols] matrix as nested lists (Rockpool's weights layout).</summary>
    public static JsonArray Matrix(double[,] m)
    {
        var rows = new JsonArray();
        for (var i = 0; i < m.GetLength(0); i++)
        {
            var row = new JsonArray();
            for (var j = 0; j < m.GetLength(1); j++) row.Add((JsonNode)JsonValue.Create(m[i, j]));
            rows.Add((JsonNode)row);
        }
        return rows;
    }
}
