using EventSpike.Hardware.Dynapse.Weights;
using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Hardware.Tests.Dynapse;

public class WeightGeneratorTests
{
    private static Xoshiro256StarStar Rng(ulong seed = 7) => new(seed);

    private static IEnumerable<double> Column(double[,] w, int j) => Enumerable.Range(0, w.GetLength(0)).Select(i => w[i, j]);

    [Fact]
    public void DiscretiseWeightMatrix_uses_one_unit_per_sign_and_returns_the_two_matrices()
    {
        var w = new double[,] { { 0.9, -0.2 }, { 0.31, -0.6 } };
        var (wd, counts) = ReservoirWeights.DiscretiseWeightMatrix(w, 3);
        Assert.Equal(new[,] { { 3, -1 }, { 1, -3 } }, counts);
        Assert.Equal(0.3, wd[1, 0], 12); // u_E = 0.9/3
        Assert.Equal(-0.2, wd[0, 1], 12); // u_I = 0.6/3
    }

    [Fact]
    public void Digital_respects_fan_in_ratio_and_range_and_is_seeded()
    {
        var (w, counts, scale) = DynapseWeights.Digital(Rng(), 100, 50, connectivity: 0.4, ratioExc: 0.75);
        Assert.Equal(1.0, scale);
        for (var j = 0; j < 50; j++)
        {
            var col = Column(w, j).ToList();
            Assert.Equal(40, col.Sum(Math.Abs)); // fan-in in CAM entries
            Assert.Equal(30, col.Where(x => x > 0).Sum());
            Assert.All(col, x => Assert.InRange(x, -4, 3));
        }
        Assert.Equal(counts, DynapseWeights.Digital(Rng(), 100, 50, connectivity: 0.4, ratioExc: 0.75).Counts);
        Assert.NotEqual(counts, DynapseWeights.Digital(Rng(8), 100, 50, connectivity: 0.4, ratioExc: 0.75).Counts);
        Assert.Throws<ArgumentException>(() => DynapseWeights.Digital(Rng(), 100, 5, connectivity: 0.7));
    }

    [Fact]
    public void Dynapse_conform_and_the_input_reservoirs_fit_the_64_entry_CAM()
    {
        var (win, wrec) = ReservoirWeights.InResDynapseFlex(Rng(), 200, 8, maxFanIn: 3, connectivity: 0.2);
        for (var j = 0; j < 200; j++)
        {
            var fanIn = Enumerable.Range(0, 8).Sum(i => Math.Abs(win[i, j])) + Enumerable.Range(0, 200).Sum(i => Math.Abs(wrec[i, j]));
            Assert.InRange(fanIn, 1, 64);
            Assert.Equal(3, Enumerable.Range(0, 8).Count(i => win[i, j] != 0));
        }
        var (w, _, _) = DynapseWeights.DynapseConform(Rng(), 64, 64, connectivity: 0.5, weightsExc: [2], weightsInh: [1], ratioExc: 1);
        Assert.All(Enumerable.Range(0, 64), j => Assert.Equal(32, Column(w, j).Sum()));
        var (i1, r1) = ReservoirWeights.InResDynapse(Rng(), 50);
        Assert.Equal(1, i1.GetLength(0));
        Assert.Equal(50, r1.GetLength(0));
        var (di, dr, dc) = ReservoirWeights.InResDigital(Rng(), 40, inputDensity: 0.5, leaveSpaceForInput: true);
        Assert.Equal(20, Enumerable.Range(0, 40).Count(j => di[0, j] != 0));
        Assert.Equal(40, dr.GetLength(1));
        Assert.Equal(40, dc.GetLength(0));
    }

    [Fact]
    public void General_generators_have_their_defining_properties()
    {
        var sparse = NetworkWeights.RndmSparseEiNet(Rng(), 60, connectivity: 0.3, normalization: 0.95);
        Assert.Equal(0.95, MatrixTools.SpectralRadius(sparse), 2);
        var diag = new double[,] { { 0.5, 0 }, { 0, -2 } };
        Assert.Equal(2, MatrixTools.SpectralRadius(diag), 6);
        var rotation = new double[,] { { 0, 1.5 }, { -1.5, 0 } }; // eigenvalues ±1.5i
        Assert.Equal(1.5, MatrixTools.SpectralRadius(rotation), 6);

        var ei = NetworkWeights.RndmEiNet(Rng(), 6, 4, ratioInhExc: 2);
        for (var j = 0; j < 10; j++)
        {
            Assert.Equal(1, Enumerable.Range(0, 6).Sum(i => ei[i, j]), 12);
            Assert.Equal(-2, Enumerable.Range(6, 4).Sum(i => ei[i, j]), 12);
        }
        var ring = NetworkWeights.OneDimExcRes(10, 4);
        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal(4, Enumerable.Range(0, 10).Sum(j => ring[i, j])));
        Assert.Equal(1, ring[0, 9]);
        Assert.Equal(0, ring[0, 0]);

        var iaf = NetworkWeights.IafSparseNet(Rng(), 50, density: 0.2);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(10, Enumerable.Range(0, 50).Count(j => iaf[i, j] != 0)));

        var stack = NetworkWeights.CombineFfRecStack(new double[,] { { 1, 2 } }, new double[,] { { 3, 4 }, { 5, 6 } });
        Assert.Equal(new double[,] { { 0, 1, 2 }, { 0, 3, 4 }, { 0, 5, 6 } }, stack);

        var wc = NetworkWeights.WilsonCowanNet(5);
        Assert.Equal(10, wc.GetLength(0));
        Assert.Equal(1, Column(wc, 3).Where(x => x > 0).Sum(), 12);
        Assert.Equal(-1, Column(wc, 3).Where(x => x < 0).Sum(), 12);

        var unit = NetworkWeights.UnitLambdaNet(Rng(), 400);
        Assert.InRange(MatrixTools.SpectralRadius(unit), 0.9, 1.1); // circular law
    }
}
