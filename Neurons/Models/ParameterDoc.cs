using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventSpike.Neurons.Models;

/// <summary>
/// One parameter of a model as <see cref="ModelDoc"/> describes it: the name network files give,
/// the default as the code has it, its unit and a one-line meaning.
/// </summary>
/// <param name="Name">The parameter's name (Rockpool's where one exists).</param>
/// <param name="Default">
/// The default as the code has it: a JSON literal (<c>0.02</c>, <c>true</c>, <c>"relu"</c>,
/// <c>null</c>) when it is a fixed value, <see cref="Required"/> when the model refuses to be built
/// without it, or a few words when it follows from something else (<c>v_rest</c>, <c>identity</c>).
/// </param>
/// <param name="Unit">SI unit (<c>s</c>, <c>V</c>, <c>Hz</c>, <c>A</c>, <c>R·I volts</c>, ...) or <c>—</c>.</param>
/// <param name="Meaning">What it does, in one line.</param>
public sealed record ParameterDoc(string Name, string Default, string Unit, string Meaning)
{
    /// <summary>The <see cref="Default"/> of a parameter the model cannot do without.</summary>
    public const string Required = "required";

    /// <summary>True when the model refuses to be built without this parameter.</summary>
    public bool IsRequired => Default == Required;

    /// <summary>
    /// The default as a JSON value, when <see cref="Default"/> is a literal (number, boolean, quoted
    /// string or <c>null</c>); false for <see cref="Required"/> and for defaults given in words.
    /// </summary>
    public bool TryGetDefaultValue(out JsonNode? value)
    {
        value = null;
        try
        {
            using var document = JsonDocument.Parse(Default);
            if (document.RootElement.ValueKind is JsonValueKind.Array or JsonValueKind.Object) return false;
            value = JsonNode.Parse(Default);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
