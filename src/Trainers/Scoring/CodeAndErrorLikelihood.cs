namespace Autoencoders.Trainers;

/// <summary>
/// The Gaussian model behind <see cref="AnomalyScore.NegativeLogLikelihood"/>, fitted on the
/// training rows once the autoencoder is trained: the code's mean and full covariance, and each
/// feature's residual variance (its mean squared reconstruction error). A row's score is twice its
/// negative log-likelihood without the constants: the Mahalanobis distance of its code plus each
/// feature's squared error over that feature's residual variance, as probabilistic PCA scores a row,
/// with the autoencoder's nonlinear subspace in place of PCA's.
/// </summary>
public sealed class CodeAndErrorLikelihood
{
    /// <summary>Added to the code covariance's diagonal, relative to its mean variance, so a code dimension the rows barely use cannot dominate.</summary>
    private const double CovarianceRidge = 1e-3;

    /// <summary>The ridge's absolute part: what keeps the precision finite when the training rows all have the same code.</summary>
    private const double SmallestRidge = 1e-6;

    /// <summary>The smallest residual variance, relative to the features' mean one, so a feature every row reconstructs exactly cannot dominate.</summary>
    private const double ResidualVarianceFloor = 1e-3;

    private CodeAndErrorLikelihood(float[] codeMean, float[] codePrecision, float[] residualVariance)
    {
        CodeMean = codeMean;
        CodePrecision = codePrecision;
        ResidualVariance = residualVariance;
        InverseResidualVariance = Array.ConvertAll(residualVariance, variance => 1f / variance);
    }

    /// <summary>Each feature's weight in the score: 1 over its <see cref="ResidualVariance"/>, as both the engine and the ONNX graph apply it.</summary>
    internal float[] InverseResidualVariance { get; }

    /// <summary>The mean code of the training rows.</summary>
    public IReadOnlyList<float> CodeMean { get; }

    /// <summary>The inverse of the (ridged) code covariance, row-major, latent width squared.</summary>
    public IReadOnlyList<float> CodePrecision { get; }

    /// <summary>Each feature's mean squared reconstruction error over the training rows (floored).</summary>
    public IReadOnlyList<float> ResidualVariance { get; }

    /// <summary>Fits the statistics to <paramref name="model"/>'s codes and errors on <paramref name="rows"/>, in one pass.</summary>
    /// <exception cref="ArgumentException">There are fewer than 2 rows, or they do not fit the model.</exception>
    public static CodeAndErrorLikelihood Fit(AutoencoderModel model, IFeatureSource rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        int width = model.InputWidth, latent = model.LatentWidth;
        if (rows.Columns != width)
        {
            throw new ArgumentException($"The rows have {rows.Columns} values but the model takes {width}.", nameof(rows));
        }

        var codeSum = new double[latent];
        var codeProducts = new double[latent * latent];
        var squaredErrorSum = new double[width];
        var count = 0L;
        foreach (var chunk in rows.ReadChunks(0))
        {
            var codes = new float[chunk.Rows * latent];
            var errors = new float[chunk.Rows * width];
            model.Map(chunk.Values, [codes, errors], [latent, width], (network, x) =>
            {
                var code = network.Encode(x);
                return [code, (network.Decode(code) - x).Squared()];
            });

            for (var row = 0; row < chunk.Rows; row++)
            {
                var code = codes.AsSpan(row * latent, latent);
                for (var a = 0; a < latent; a++)
                {
                    codeSum[a] += code[a];
                    for (var b = 0; b < latent; b++)
                    {
                        codeProducts[a * latent + b] += (double)code[a] * code[b];
                    }
                }

                for (var j = 0; j < width; j++)
                {
                    squaredErrorSum[j] += errors[row * width + j];
                }
            }

            count += chunk.Rows;
        }

        if (count < 2)
        {
            throw new ArgumentException($"The negative log-likelihood score needs at least 2 training rows to fit its statistics; there were {count}.", nameof(rows));
        }

        var n = (double)count;
        var mean = Array.ConvertAll(codeSum, sum => sum / n);
        var covariance = new double[latent * latent];
        for (var a = 0; a < latent; a++)
        {
            for (var b = 0; b < latent; b++)
            {
                covariance[a * latent + b] = codeProducts[a * latent + b] / n - mean[a] * mean[b];
            }
        }

        // A variance computed as E[x²] - E[x]² can come out slightly below 0 for a code dimension every row holds alike.
        for (var a = 0; a < latent; a++)
        {
            covariance[a * latent + a] = Math.Max(covariance[a * latent + a], 0);
        }

        var ridge = CovarianceRidge * Enumerable.Range(0, latent).Average(a => covariance[a * latent + a]) + SmallestRidge;
        for (var a = 0; a < latent; a++)
        {
            covariance[a * latent + a] += ridge;
        }

        var variance = Array.ConvertAll(squaredErrorSum, sum => sum / n);
        var floor = ResidualVarianceFloor * variance.Average() + 1e-12;
        return new CodeAndErrorLikelihood(
            Array.ConvertAll(mean, value => (float)value),
            Array.ConvertAll(SymmetricInverse(covariance, latent, ridge), value => (float)value),
            Array.ConvertAll(variance, value => (float)Math.Max(value, floor)));
    }

    /// <summary>
    /// The inverse of a symmetric positive definite matrix, by Cholesky factorization, each pivot at
    /// least <paramref name="smallestPivot"/>: a code whose dimensions move together (or not at all)
    /// gets a large but finite precision, never an infinite or NaN one.
    /// </summary>
    private static double[] SymmetricInverse(double[] matrix, int size, double smallestPivot)
    {
        var lower = new double[size * size];
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[i * size + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= lower[i * size + k] * lower[j * size + k];
                }

                lower[i * size + j] = i == j ? Math.Sqrt(Math.Max(sum, smallestPivot)) : sum / lower[j * size + j];
            }
        }

        // Column by column: solve L y = e_c, then L^T x = y.
        var inverse = new double[size * size];
        var column = new double[size];
        for (var c = 0; c < size; c++)
        {
            for (var i = 0; i < size; i++)
            {
                var sum = i == c ? 1.0 : 0.0;
                for (var k = 0; k < i; k++)
                {
                    sum -= lower[i * size + k] * column[k];
                }

                column[i] = sum / lower[i * size + i];
            }

            for (var i = size - 1; i >= 0; i--)
            {
                var sum = column[i];
                for (var k = i + 1; k < size; k++)
                {
                    sum -= lower[k * size + i] * inverse[k * size + c];
                }

                inverse[i * size + c] = sum / lower[i * size + i];
            }
        }

        return inverse;
    }
}
