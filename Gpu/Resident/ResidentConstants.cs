using ILGPU;

namespace EventSpike.Gpu.Resident;

/// <summary>One iaf_psc_exp layer as the kernels read it: its propagators, where its neurons start and which projections and drive it has.</summary>
internal struct LayerConstants
{
    public double A, SExc, SInh, CExc, CInh, RestBias, Threshold, Reset, Hold, DriveWeight;
    public int Start;                              // first global neuron
    public int ProjectionFrom, ProjectionTo;       // incoming projections, in the CPU engine's (file) order
    public int OutgoingFrom, OutgoingTo;           // range in the outgoing list: projections this layer sends on
    public int CdfOffset, CdfLength;               // the drive's cumulative table (length 0: no drive)
}

/// <summary>
/// One connection on the device: its ring (Rows × Width whole numbers), the value of one ring unit, its port and its rows of synapses;
/// with per-synapse delays also its place in the CPU's shared ring of its port (<c>DelayRing</c>): its shift, and whether it is the last of that ring's connections.
/// </summary>
internal struct ProjectionConstants
{
    public double Scale;                           // no per-synapse delays: the shared weight (a unit's worth); with: its group's quantum (the CPU ring's)
    public int Shift;                              // -1: no per-synapse delays; else log2(table scale / quantum): a unit is 2^Shift quanta
    public int ClosesGroup;                        // 1: the last connection of its shared ring: the group's integer sum is read out here
    public int RingOffset, Rows, Width, Port;      // Port 0: exc, 1: inh
    public int RowOffset;                          // the source's row 0 in the concatenated row starts
}

/// <summary>
/// A chunk of a block of a driven layer: up to <see cref="ResidentLayout.ChunkNeurons"/> consecutive neurons whose draws
/// one thread makes from its own copy of the block's stream, at the chunk's place in the block's order.
/// </summary>
internal struct BlockConstants
{
    public int Layer, Start, End;                  // global neurons [Start, End)
    public int Jump;                               // word offset of M^(block length − chunk length) in the jump matrices
}

/// <summary>The network's structure on the device (read-only during a run, except the rings).</summary>
internal struct NetworkViews
{
    public ArrayView<LayerConstants> Layers;
    public ArrayView<ProjectionConstants> Projections;
    public ArrayView<int> Outgoing;                // projection ids grouped by source layer
    public ArrayView<int> LayerOf;                 // per global neuron
    public ArrayView<int> Rings;                   // every projection's ring, whole numbers
}

/// <summary>The synapses of every projection: row starts (global synapse indices), targets and the packed (delay &lt;&lt; 16 | q) words.</summary>
internal struct SynapseViews
{
    public ArrayView<int> RowStarts, Targets, Packed;
}

/// <summary>The neurons' state (global index), this step's drive counts, and the window's spike list with its counter and per-step marks.</summary>
internal struct NeuronViews
{
    public ArrayView<double> V, IExc, IInh, Refractory;
    public ArrayView<int> DriveCounts, Spikes, Counter, Marks;
}

/// <summary>The drive's chunks, their xoshiro256** states (four words each), the jump matrices and the concatenated cumulative tables.</summary>
internal struct DriveViews
{
    public ArrayView<BlockConstants> Blocks;
    public ArrayView<ulong> Streams, Jumps;
    public ArrayView<double> Cdf;
}
