namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// The DYNAP-SE1 board (dynapse.md §1.1, rockpool-digest §9.1): 4 chips × 4 cores × 256 neurons,
/// logical ID = 1024·chip + 256·core + neuron, 1,024 FPGA virtual input neurons (IDs 0–1023, a tag
/// space shared with each chip's physical neurons), 64 CAM entries (fan-in) and 4 SRAM entries
/// (destination chips, the first kept for monitoring) per neuron. Neuron 0 of every chip (IDs 0, 1024,
/// 2048, 3072) is never allocated.
/// </summary>
public static class BoardGeometry
{
    public const int Chips = 4;
    public const int CoresPerChip = 4;
    public const int NeuronsPerCore = 256;
    public const int NeuronsPerChip = CoresPerChip * NeuronsPerCore;
    public const int Cores = Chips * CoresPerChip;
    public const int Neurons = Chips * NeuronsPerChip;
    public const int VirtualNeurons = 1024;
    public const int CamPerNeuron = 64;
    public const int SramPerNeuron = 4;

    /// <summary>Destination chips a neuron can reach with SRAM 0 kept for the FPGA monitor (3), or without (4).</summary>
    public static int MaxFanOutChips(bool monitored) => monitored ? SramPerNeuron - 1 : SramPerNeuron;

    public static int LogicalId(int chip, int core, int neuron) => NeuronsPerChip * chip + NeuronsPerCore * core + neuron;

    public static int ChipOf(int id) => id / NeuronsPerChip;

    /// <summary>The core on the board, 0–15.</summary>
    public static int CoreOf(int id) => id / NeuronsPerCore;

    /// <summary>The CAM tag a neuron presents: its ID within its chip (core and neuron bits, no chip).</summary>
    public static int TagOf(int id) => id % NeuronsPerChip;

    /// <summary>IDs the allocator never hands out: neuron 0 of each chip.</summary>
    public static bool IsReserved(int id) => id % NeuronsPerChip == 0;

    public static bool IsOnBoard(int id) => id is >= 0 and < Neurons;

    /// <summary>"neuron 1029 (chip 1, core 4)".</summary>
    public static string Describe(int id) => $"neuron {id} (chip {ChipOf(id)}, core {CoreOf(id)})";
}
