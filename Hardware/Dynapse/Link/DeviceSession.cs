using System.Text;
using System.Text.Json.Nodes;

namespace EventSpike.Hardware.Dynapse.Link;

/// <summary>
/// One client's board on the device server: answers each request frame with its reply or an error frame.
/// Every field is checked before it is used; nothing a client sends can throw out of <see cref="Handle"/>.
/// </summary>
internal sealed class DeviceSession(DeviceServerOptions options, Func<int> clients)
{
    private BoardSimulator? _board;
    private long _windows;

    public byte[] Handle(byte version, byte type, byte[] payload)
    {
        if (version != DeviceProtocol.Version)
            return DeviceProtocol.ErrorFrame(DeviceProtocol.BadVersion, $"protocol version {version} is not supported (this server speaks {DeviceProtocol.Version})");
        try
        {
            return type switch
            {
                DeviceProtocol.Configure => Configure(payload),
                DeviceProtocol.Run => Run(payload),
                DeviceProtocol.Status => DeviceProtocol.Frame(DeviceProtocol.StatusReply, Encoding.UTF8.GetBytes(Status().ToJsonString())),
                DeviceProtocol.Reset => Reset(payload),
                _ => DeviceProtocol.ErrorFrame(DeviceProtocol.UnknownType, $"unknown frame type 0x{type:X2}"),
            };
        }
        catch (FpgaLimitException e)
        {
            return DeviceProtocol.ErrorFrame(DeviceProtocol.FpgaLimit, e.Message);
        }
        catch (Exception e) // whatever a frame holds, the answer is an error frame
        {
            return DeviceProtocol.ErrorFrame(type == DeviceProtocol.Configure ? DeviceProtocol.BadConfiguration : DeviceProtocol.Malformed, e.Message);
        }
    }

    private byte[] Configure(byte[] payload)
    {
        var text = new UTF8Encoding(false, true).GetString(payload);
        var node = JsonNode.Parse(text) as JsonObject ?? throw new FormatException("a configuration is a JSON object");
        var config = BoardConfigJson.FromJson(node);
        var limit = options.Chips * BoardGeometry.NeuronsPerChip;
        foreach (var id in config.Neurons)
            if (id < 0 || id >= limit) throw new ArgumentException($"neuron {id} is not on this board's {options.Chips} chip(s)");
        if (config.Virtual.Values.Length != VirtualDynapseParameters.Names.Length || config.Virtual.Values.Any(v => v.Length != BoardGeometry.Cores || v.Any(x => !double.IsFinite(x) || x < 0)))
            throw new ArgumentException($"virtual parameters need {VirtualDynapseParameters.Names.Length} lists of {BoardGeometry.Cores} finite values ≥ 0");
        if (config.VirtualInputs.Length > BoardGeometry.VirtualNeurons || config.Connections.Length > BoardGeometry.Neurons * BoardGeometry.CamPerNeuron)
            throw new ArgumentException("the configuration is larger than a board");
        if (config.Mode == BoardMode.Dpi)
            for (var c = 0; c < config.DpiCores.Length; c++) config.DpiCores[c].Check(c);
        if (config.DpiCores.Length != BoardGeometry.Cores) throw new ArgumentException($"a configuration needs {BoardGeometry.Cores} cores");
        if (!(config.ChipDt > 0) || config.ChipDt > 1) throw new ArgumentException($"chip_dt {config.ChipDt} outside (0, 1] s");
        var check = ConnectionValidator.Validate(config.Connections, config.Monitored);
        if (!check.IsValid && config.Mode == BoardMode.Dpi) throw new ArgumentException(string.Join("; ", check.Problems));
        if (options.Seed is { } seed) config = config with { Mismatch = config.Mismatch with { Seed = seed }, NeuronFactors = new Dictionary<int, double[]>() };
        _board = new BoardSimulator(config);
        _windows = 0;
        var reply = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(reply, config.Neurons.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(reply.AsSpan(4), config.VirtualInputs.Length);
        return DeviceProtocol.Frame(DeviceProtocol.Configured, reply);
    }

    private byte[] Run(byte[] payload)
    {
        var board = _board ?? throw new InvalidOperationException("run before configure: send a Configure frame first");
        var (window, substeps) = DeviceProtocol.ReadEvents(payload, board.Config.VirtualInputs.Length, output: false);
        if (window.Events > FpgaInput.MaxEventsPerTransfer)
            throw new FpgaLimitException($"{window.Events} input events in one transfer; the FPGA takes at most {FpgaInput.MaxEventsPerTransfer}");
        if ((long)window.Steps * substeps > options.MaxChipStepsPerRequest)
            throw new ArgumentException($"{window.Steps} steps × {substeps} substeps is more than the {options.MaxChipStepsPerRequest} chip steps one request may run");
        var (ptr, neurons) = board.RunWindow(window.StepPtr, window.Channels, window.Steps, substeps);
        _windows++;
        return DeviceProtocol.Frame(DeviceProtocol.Output, DeviceProtocol.Events(new DeviceWindow(window.Steps, ptr, neurons), 0));
    }

    private byte[] Reset(byte[] payload)
    {
        if (payload.Length != 0) throw new FormatException("a Reset frame has no payload");
        _board?.Reset();
        return DeviceProtocol.Frame(DeviceProtocol.ResetDone, []);
    }

    private JsonObject Status() => new()
    {
        ["protocol"] = (int)DeviceProtocol.Version,
        ["configured"] = _board is not null,
        ["mode"] = _board is null ? null : _board.Config.Mode.ToString().ToLowerInvariant(),
        ["neurons"] = _board?.Config.Neurons.Length ?? 0,
        ["inputs"] = _board?.Config.VirtualInputs.Length ?? 0,
        ["chip_steps"] = _board?.ChipSteps ?? 0,
        ["windows"] = _windows,
        ["chips"] = options.Chips,
        ["clients"] = clients(),
    };
}
