using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;

namespace EventSpike.Routing.Network;

/// <summary>A connection's checked weights: about how many synapses they make, and how to draw them from the connection's stream.</summary>
public sealed record WeightPlan(long ExpectedSynapses, Func<Xoshiro256StarStar, SynapseTable> Generate);
