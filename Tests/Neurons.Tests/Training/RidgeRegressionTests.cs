using EventSpike.Neurons.Random;
using EventSpike.Neurons.Training;
using Xunit;

namespace EventSpike.Neurons.Tests.Training;

public class RidgeRegressionTests
{
    private static double[,] RandomMatrix(int rows, int cols, ulong seed)
    {
        var rng = StreamSeed.Generator(seed, "ridge-test", 0);
        var m = new double[rows, cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++) m[i, j] = rng.NextGaussian();
        return m;
    }

    private static double[,] Rows(double[,] m, int from, int to)
    {
        var r = new double[to - from, m.GetLength(1)];
        for (var i = from; i < to; i++)
            for (var j = 0; j < m.GetLength(1); j++) r[i - from, j] = m[i, j];
        return r;
    }

    [Fact]
    public void Noiseless_linear_data_gives_back_its_weights_and_bias_and_batches_equal_one_batch()
    {
        var x = RandomMatrix(300, 4, 1);
        var w = new double[,] { { 1, -2 }, { 0.5, 0 }, { 3, 1 }, { -1, 0.25 } };
        var b = new[] { 0.7, -0.3 };
        var y = RidgeRegression.Predict(x, w, b);
        var whole = new RidgeRegression(4, 2);
        whole.Accumulate(x, y);
        var (w1, b1) = whole.Solve();
        var batched = new RidgeRegression(4, 2);
        foreach (var (from, to) in new[] { (0, 100), (100, 250), (250, 300) }) batched.Accumulate(Rows(x, from, to), Rows(y, from, to));
        var (w2, b2) = batched.Solve();
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 2; j++)
            {
                Assert.Equal(w[i, j], w1[i, j], 1e-10);
                Assert.Equal(w1[i, j], w2[i, j], 1e-10);
            }
        Assert.Equal(b[0], b1[0], 1e-10);
        Assert.Equal(b[1], b2[1], 1e-10);
    }

    [Fact]
    public void Regularization_shrinks_as_the_closed_form_says()
    {
        // One regressor, no bias: w = Σxy / (Σx² + λ).
        var x = new double[,] { { 1 }, { 2 }, { 3 } };
        var y = new double[,] { { 2 }, { 3 }, { 7 } };
        var r = new RidgeRegression(1, 1, regularize: 0.5, trainBiases: false);
        r.Accumulate(x, y);
        Assert.Equal((2 + 6 + 21) / (14 + 0.5), r.Solve().Weights[0, 0], 1e-14);
        Assert.Equal(14, r.XtX[0, 0]);
    }

    [Fact]
    public void Fisher_relabelling_turns_a_binary_target_into_balanced_class_labels()
    {
        // Three true, one false in four rows: true → 4/3, false → −4; with a constant regressor XᵀY = 3·4/3 − 4 = 0.
        var r = new RidgeRegression(1, 1, trainBiases: false, fisherRelabelling: true);
        r.Accumulate(new double[,] { { 1 }, { 1 }, { 1 }, { 1 } }, new double[,] { { 1 }, { 0 }, { 1 }, { 1 } });
        Assert.Equal(0, r.XtY[0, 0], 1e-14);
        var s = new RidgeRegression(1, 1, trainBiases: false, fisherRelabelling: true);
        s.Accumulate(new double[,] { { 1 }, { 0 }, { 0 }, { 0 } }, new double[,] { { 1 }, { 0 }, { 1 }, { 1 } });
        Assert.Equal(4.0 / 3, s.XtY[0, 0], 1e-14);
    }

    [Fact]
    public void A_matrix_that_is_not_positive_definite_falls_back_to_elimination_and_a_singular_one_is_refused()
    {
        var a = new double[,] { { 0, 1 }, { 1, 0 } };   // symmetric, indefinite
        Assert.Null(DenseSolve.Cholesky(a));
        var x = DenseSolve.Symmetric(a, new double[,] { { 2 }, { 3 } });
        Assert.Equal(3, x[0, 0], 1e-14);
        Assert.Equal(2, x[1, 0], 1e-14);
        var r = new RidgeRegression(2, 1, trainBiases: false);
        r.Accumulate(new double[,] { { 1, 1 }, { 2, 2 } }, new double[,] { { 1 }, { 2 } });
        Assert.Contains("singular", Assert.Throws<InvalidOperationException>(() => r.Solve()).Message);
    }
}
