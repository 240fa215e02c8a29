using System.Globalization;
using System.Text;
using System.Text.Json;
using EventSpike.Neurons.Numpy;

namespace EventSpike.Neurons.Series;

/// <summary>
/// The file forms of a time series.
///
/// <b>.npz</b> (Rockpool's <c>save</c>, readable with <c>numpy.load</c>): TSEvent writes
/// <c>times</c> (&lt;f8, N), <c>channels</c> (&lt;i8, N), <c>t_start</c>, <c>t_stop</c> (&lt;f8, 0-d),
/// <c>periodic</c> (|b1, 0-d), <c>num_channels</c> (&lt;i8, 0-d), <c>name</c>, <c>str_type</c> = "TSEvent"
/// (&lt;U, 0-d). TSContinuous writes <c>times</c>, <c>samples</c> (&lt;f8, T×C), <c>t_start</c>,
/// <c>t_stop</c>, <c>interp_kind</c>, <c>periodic</c>, <c>name</c>, <c>str_type</c> = "TSContinuous", and
/// <c>trial_start_times</c> when set. Reading accepts any numeric width, &lt;U or |S strings, 0-d or
/// one-element arrays for scalars, a 1-D <c>samples</c> (one channel), and ignores keys it cannot decode
/// (e.g. a pickled <c>None</c> as <c>trial_start_times</c> or <c>name</c>).
///
/// <b>JSON</b>: one object with the same member names, <c>samples</c> as a list of rows; non-finite
/// values as the strings "NaN", "Infinity", "-Infinity".
/// </summary>
internal static class SeriesFiles
{
    public static void Save(TimeSeries ts, string path) => Npz.WriteFile(path, ToArrays(ts));

    public static IEnumerable<KeyValuePair<string, NpyArray>> ToArrays(TimeSeries ts)
    {
        var list = new List<KeyValuePair<string, NpyArray>>();
        void Add(string k, NpyArray a) => list.Add(new(k, a));
        switch (ts)
        {
            case TSEvent e:
                Add("times", NpyArray.Of(e.TimesSpan.ToArray()));
                Add("channels", NpyArray.Of(e.Channels.Select(c => (long)c).ToArray()));
                Add("t_start", NpyArray.Scalar(e.TStart));
                Add("t_stop", NpyArray.Scalar(e.TStop));
                Add("periodic", NpyArray.Scalar(e.Periodic));
                Add("num_channels", NpyArray.Scalar((long)e.NumChannels));
                Add("name", NpyArray.Scalar(e.Name));
                Add("str_type", NpyArray.Scalar("TSEvent"));
                break;
            case TSContinuous c:
                Add("times", NpyArray.Of(c.TimesSpan.ToArray()));
                Add("samples", NpyArray.Of(c.SampleData.ToArray(), c.Count, c.NumChannels));
                Add("t_start", NpyArray.Scalar(c.TStart));
                Add("t_stop", NpyArray.Scalar(c.TStop));
                Add("interp_kind", NpyArray.Scalar(c.InterpKind));
                Add("periodic", NpyArray.Scalar(c.Periodic));
                Add("name", NpyArray.Scalar(c.Name));
                Add("str_type", NpyArray.Scalar("TSContinuous"));
                if (c.TrialStartTimes is { } tst) Add("trial_start_times", NpyArray.Of((double[])tst.Clone()));
                break;
            default: throw new ArgumentException($"cannot save a {ts.GetType().Name}");
        }
        return list;
    }

    public static TimeSeries Load(string path, string? expectedType)
    {
        var arrays = Npz.ReadFile(path);
        return FromArrays(arrays, path, expectedType);
    }

    /// <summary>Builds a series from the arrays of an <c>.npz</c>; <paramref name="file"/> names it in errors.</summary>
    public static TimeSeries FromArrays(IReadOnlyDictionary<string, NpyArray> a, string file, string? expectedType)
    {
        var type = Get(a, file, "str_type", x => x.ScalarString());
        if (expectedType is not null && type != expectedType)
            throw new NpyFormatException(file, "str_type", $"expected a {expectedType}, the file holds a {type}");
        var times = Get(a, file, "times", x => x.ToDoubleArray());
        if (times.Any(t => !double.IsFinite(t))) throw new NpyFormatException(file, "times", "times must be finite");
        if (!SeriesMath.IsSorted(times)) throw new NpyFormatException(file, "times", "times must be non-decreasing");
        var tStart = Get(a, file, "t_start", x => x.ScalarDouble());
        var tStop = Get(a, file, "t_stop", x => x.ScalarDouble());
        var periodic = Optional(a, file, "periodic", x => x.ScalarBool(), false);
        var name = Optional(a, file, "name", x => x.ScalarString(), "unnamed");
        if (times.Length > 0 && tStart > times[0])
            throw new NpyFormatException(file, "t_start", $"t_start ({tStart}) is later than the first time ({times[0]})");
        if (times.Length > 0 && tStop < times[^1])
            throw new NpyFormatException(file, "t_stop", $"t_stop ({tStop}) is earlier than the last time ({times[^1]})");
        if (tStop < tStart) throw new NpyFormatException(file, "t_stop", $"t_stop ({tStop}) is earlier than t_start ({tStart})");
        try
        {
            switch (type)
            {
                case "TSEvent":
                {
                    var channels = Get(a, file, "channels", x => x.ToInt32Array());
                    if (channels.Length != times.Length)
                        throw new NpyFormatException(file, "channels", $"has {channels.Length} entries, 'times' has {times.Length}");
                    if (channels.Any(c => c < 0)) throw new NpyFormatException(file, "channels", "channels must not be negative");
                    var max = channels.Length == 0 ? -1 : channels.Max();
                    var n = Optional(a, file, "num_channels", x => checked((int)x.ScalarInt64()), max + 1);
                    if (n < max + 1) throw new NpyFormatException(file, "num_channels", $"num_channels ({n}) is below max(channel)+1 = {max + 1}");
                    return new TSEvent(times, channels, periodic, tStart, tStop, name, n, true);
                }
                case "TSContinuous":
                {
                    var s = Get(a, file, "samples", x => x);
                    var flat = Read(file, "samples", () => s.ToDoubleArray());
                    int cols = s.Shape.Length switch
                    {
                        1 => 1,
                        2 => s.Shape[1],
                        _ => throw new NpyFormatException(file, "samples", $"expected a 1-D or 2-D array, shape is ({string.Join(", ", s.Shape)})"),
                    };
                    var rows = s.Shape[0];
                    if (rows != times.Length)
                        throw new NpyFormatException(file, "samples", $"has {rows} rows, 'times' has {times.Length} entries");
                    if (rows == 0 && s.Shape.Length == 1) cols = 0;
                    var kind = Optional(a, file, "interp_kind", x => x.ScalarString(), "linear");
                    var r = new TSContinuous(times, flat, cols, periodic, tStart, tStop, name, null, kind, true);
                    if (a.TryGetValue("trial_start_times", out var tst) && !tst.IsOpaque)
                        r.TrialStartTimes = Read(file, "trial_start_times", () => tst.ToDoubleArray());
                    return r;
                }
                default: throw new NpyFormatException(file, "str_type", $"unknown series type '{type}'");
            }
        }
        catch (ArgumentException e)
        {
            throw new NpyFormatException(file, null, e.Message, e);
        }
    }

    public static string ToJson(TimeSeries ts)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("str_type", ts.TypeName);
            w.WriteString("name", ts.Name);
            Num(w, "t_start", ts.TStart);
            Num(w, "t_stop", ts.TStop);
            w.WriteBoolean("periodic", ts.Periodic);
            w.WriteStartArray("times");
            foreach (var t in ts.TimesSpan) Num(w, null, t);
            w.WriteEndArray();
            switch (ts)
            {
                case TSEvent e:
                    w.WriteNumber("num_channels", e.NumChannels);
                    w.WriteStartArray("channels");
                    foreach (var c in e.ChannelsSpan) w.WriteNumberValue(c);
                    w.WriteEndArray();
                    break;
                case TSContinuous c:
                    w.WriteNumber("num_channels", c.NumChannels);
                    w.WriteString("interp_kind", c.InterpKind);
                    if (c.Units is null) w.WriteNull("units"); else w.WriteString("units", c.Units);
                    w.WriteStartArray("samples");
                    for (var i = 0; i < c.Count; i++)
                    {
                        w.WriteStartArray();
                        for (var j = 0; j < c.NumChannels; j++) Num(w, null, c.SampleAt(i, j));
                        w.WriteEndArray();
                    }
                    w.WriteEndArray();
                    if (c.TrialStartTimes is { } tst)
                    {
                        w.WriteStartArray("trial_start_times");
                        foreach (var t in tst) Num(w, null, t);
                        w.WriteEndArray();
                    }
                    break;
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static TimeSeries FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var o = doc.RootElement;
        var type = Member(o, "str_type").GetString();
        var times = Member(o, "times").EnumerateArray().Select(NumOf).ToArray();
        var tStart = NumOf(Member(o, "t_start"));
        var tStop = NumOf(Member(o, "t_stop"));
        var periodic = o.TryGetProperty("periodic", out var p) && p.GetBoolean();
        var name = o.TryGetProperty("name", out var nm) && nm.ValueKind == JsonValueKind.String ? nm.GetString()! : "unnamed";
        int? n = o.TryGetProperty("num_channels", out var nc) && nc.ValueKind == JsonValueKind.Number ? nc.GetInt32() : null;
        switch (type)
        {
            case "TSEvent":
                var ch = Member(o, "channels").EnumerateArray().Select(x => x.GetInt32()).ToArray();
                return new TSEvent(times, ch, periodic, tStart, tStop, name, n, true);
            case "TSContinuous":
                var rows = Member(o, "samples").EnumerateArray().Select(r => r.EnumerateArray().Select(NumOf).ToArray()).ToArray();
                var cols = rows.Length > 0 ? rows[0].Length : n ?? 0;
                if (rows.Any(r => r.Length != cols)) throw new FormatException("JSON 'samples' rows differ in length");
                var kind = o.TryGetProperty("interp_kind", out var k) ? k.GetString() ?? "linear" : "linear";
                var units = o.TryGetProperty("units", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                var r = new TSContinuous(times, rows.SelectMany(x => x).ToArray(), cols, periodic, tStart, tStop, name, units, kind, true);
                if (o.TryGetProperty("trial_start_times", out var t) && t.ValueKind == JsonValueKind.Array)
                    r.TrialStartTimes = t.EnumerateArray().Select(NumOf).ToArray();
                return r;
            default: throw new FormatException($"JSON 'str_type' is '{type}', expected TSEvent or TSContinuous");
        }
    }

    private static JsonElement Member(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? v : throw new FormatException($"JSON series lacks '{name}'");

    private static double NumOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => double.Parse(e.GetString()!, CultureInfo.InvariantCulture),
        _ => throw new FormatException($"expected a number, found {e.ValueKind}"),
    };

    private static void Num(Utf8JsonWriter w, string? name, double v)
    {
        if (name is not null) w.WritePropertyName(name);
        if (double.IsFinite(v)) w.WriteNumberValue(v);
        else w.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
    }

    private static T Get<T>(IReadOnlyDictionary<string, NpyArray> a, string file, string key, Func<NpyArray, T> read)
    {
        if (!a.TryGetValue(key, out var arr)) throw new NpyFormatException(file, key, "missing");
        if (arr.IsOpaque) throw new NpyFormatException(file, key, "is a pickled object array, which EventSpike does not read");
        return Read(file, key, () => read(arr));
    }

    private static T Optional<T>(IReadOnlyDictionary<string, NpyArray> a, string file, string key, Func<NpyArray, T> read, T fallback)
    {
        if (!a.TryGetValue(key, out var arr) || arr.IsOpaque) return fallback;
        return Read(file, key, () => read(arr));
    }

    private static T Read<T>(string file, string key, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException)
        {
            throw new NpyFormatException(file, key, e.Message, e);
        }
    }
}
