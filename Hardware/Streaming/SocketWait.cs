using System.Diagnostics;
using System.Net.Sockets;

namespace EventSpike.Hardware.Streaming;

/// <summary>
/// How a live feed waits for its socket. Without clock following it just reads (the read blocks). With it
/// (<c>--realtime</c> on a socket) it polls the socket every <see cref="Period"/> and, while nothing has come,
/// lets the watermark follow the wall clock (<see cref="SensorIngest.FollowClock"/>), so the network keeps
/// running through a quiet spell and its windows are given empty.
/// </summary>
internal static class SocketWait
{
    /// <summary>How often a quiet socket moves the watermark (µs).</summary>
    public const int Period = 1000;

    /// <summary>Waits until <paramref name="socket"/> has data (or has closed: the read then says so); false when cancelled.</summary>
    public static bool Readable(Socket socket, SensorIngest ingest, bool followClock, CancellationToken cancel)
    {
        if (!followClock) return !cancel.IsCancellationRequested;
        while (!cancel.IsCancellationRequested)
        {
            if (socket.Poll(Period, SelectMode.SelectRead)) return true;
            ingest.FollowClock(Stopwatch.GetTimestamp(), cancel);
        }
        return false;
    }

    /// <summary>Waits <paramref name="time"/> (a reconnect's backoff), the watermark following the clock; true when cancelled.</summary>
    public static bool Sleep(TimeSpan time, SensorIngest ingest, bool followClock, CancellationToken cancel)
    {
        if (!followClock) return cancel.WaitHandle.WaitOne(time);
        var until = Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            if (cancel.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(1))) return true;
            ingest.FollowClock(Stopwatch.GetTimestamp(), cancel);
        }
        return cancel.IsCancellationRequested;
    }
}
