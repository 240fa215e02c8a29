using System.Text.Json;
using EventSpike.Routing.Network;

namespace EventSpike.Routing.Tests;

/// <summary>Small networks built in code for the tests.</summary>
public static class NetworkSpecs
{
    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static LayerSpec Layer(string name, string type, int size, string parameters = "{}") =>
        new(name, type, size, JsonDocument.Parse(parameters).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()));

    public static ConnectionSpec Connect(string from, string to, double delay, string weights = """{"generator":"one_to_one","weight":1}""") =>
        new(from, to, Json(weights), delay, null);

    public const string Relay = """{"tau_syn":1e-5,"v_thresh":0.5,"v_reset":0,"v_rest":0}""";
}
