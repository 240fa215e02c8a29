namespace EventSpike.Hardware.Dynapse.Link;

/// <summary>
/// How a device server runs: the address it binds (loopback unless asked), the port (0: any free one),
/// the clients it serves at once (each owns its own emulated board), the chips of its board, and a
/// mismatch seed that replaces the configurations' (a different physical board; null keeps theirs), and the most
/// chip steps (steps × substeps) one Run request may ask for.
/// </summary>
public sealed record DeviceServerOptions(string Host = "127.0.0.1", int Port = 7411, int MaxClients = 16, int Chips = BoardGeometry.Chips, ulong? Seed = null, long MaxChipStepsPerRequest = 10_000_000);
