namespace EventSpike.Hardware.Dynapse;

/// <summary>An input the FPGA cannot take in one transfer (too many events, a gap beyond 65,535 ticks): the batch and the limit.</summary>
public sealed class FpgaLimitException(string message) : Exception(message);
