using EventSpike.Hardware.Dynapse.Link;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>eventspike device-server</c>: serves emulated DYNAP-SE boards over the device protocol
/// (docs/device-protocol.md) on 127.0.0.1 by default, one board per client, until Ctrl-C.
/// </summary>
public static class DeviceServerCommand
{
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken interrupt)
    {
        var a = CommandSpecs.DeviceServer.Parse(args);
        if (a.Positional.Count > 0) throw new InputException($"device-server takes no file, got '{a.Positional[0]}'");
        var port = (int)(a.Integer("port", 0) ?? 7411);
        if (port is < 0 or > 65535) throw new InputException($"--port must be 0–65535, got {port}");
        var seed = a.Integer("seed", 0);
        if (seed is < 0) throw new InputException($"--seed must be ≥ 0, got {seed}");
        var options = new DeviceServerOptions(a.Value("host") ?? "127.0.0.1", port, (int)(a.Integer("max-clients", 1) ?? 16),
            (int)(a.Integer("chips", 1) ?? 4), seed is { } s ? (ulong)s : null);
        DeviceServer server;
        try
        {
            server = new DeviceServer(options);
            server.Start();
        }
        catch (Exception e) when (e is ArgumentException or System.Net.Sockets.SocketException)
        {
            throw new InputException($"device-server: {e.Message}");
        }
        if (options.Host is not ("127.0.0.1" or "localhost" or "::1"))
            stderr.WriteLine($"warning: device-server listens on {options.Host}, beyond loopback, without authentication");
        stdout.WriteLine($"device-server: listening on {server.Endpoint} ({options.Chips} chip(s), up to {options.MaxClients} clients, protocol v{DeviceProtocol.Version}); Ctrl-C stops");
        stdout.Flush();
        try
        {
            interrupt.WaitHandle.WaitOne();
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        stdout.WriteLine($"device-server: stopped after {server.Frames} frames");
        return ExitCodes.Done;
    }
}
