using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Data;

/// <summary>
/// The Gaussian model behind <see cref="AnomalyScore.NegativeLogLikelihood"/>, fitted on the
/// training rows once the autoencoder is trained: the code's mean and full covariance, and each
/// feature's residual variance (the mean of its squared reconstruction error). A row's score is
/// twice its negative log-likelihood without the constants, the Mahalanobis distance of its code
/// plus each feature's squared error over that feature's residual variance, as probabilistic PCA
/// scores a row with a nonlinear subspace in place of PCA's.
/// </summary>
internal sealed class CodeAndErrorLikelihood
{
    /// <summary>Added to the code covariance's diagonal, relative to its mean variance, so a code dimension the rows barely use cannot dominate.</summary>
    private const double CovarianceRidge = 1e-3;

    /// <summary>The smallest residual variance, relative to the features' mean one, so a feature every row reconstructs exactly cannot dominate.</summary>
    private const double ResidualVarianceFloor = 1e-3;

    private CodeAndErrorLikelihood(float[] codeMean, float[] codePrecision, float[] residualVariance)
    {
        CodeMean = codeMean;
        CodePrecision = codePrecision;
        ResidualVariance = residualVariance;
    }

    /// <summary>The mean code of the training rows.</summary>
    public float[] CodeMean { get; }

    /// <summary>The inverse of the (ridged) code covariance, row-major, latent width squared.</summary>
    public float[] CodePrecision { get; }

    /// <summary>Each feature's mean squared reconstruction error over the training rows (floored).</summary>
    public float[] ResidualVariance { get; }

    /// <summary>Fits the model to <paramref name="model"/>'s codes and errors on the rows of <paramref name="featureColumnName"/>, in one streamed pass.</summary>
    public static CodeAndErrorLikelihood Fit(AutoencoderModel model, IDataView data, string featureColumnName)
    {
        int width = model.InputWidth, latent = model.LatentWidth;
        var codeSum = new double[latent];
        var codeProducts = new double[latent * latent];
        var squaredErrors = new double[width];
        long rows = 0;
        foreach (var block in DataViewReading.Blocks(data, [data.Schema[featureColumnName]]))
        {
            var features = SchemaRequirements.BlockFeatures(block, featureColumnName);
            var codes = model.Encode(features);
            var errors = AnomalyPredictionTransformer.SquaredErrors(features, model.Decode(codes));
            for (var row = 0; row < features.Rows; row++)
            {
                var code = codes.Row(row);
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
                    squaredErrors[j] += errors[row * width + j];
                }
            }

            rows += features.Rows;
        }

        if (rows < 2)
        {
            throw new InvalidOperationException($"The negative log-likelihood score needs at least 2 training rows to fit its statistics; there were {rows}.");
        }

        var mean = codeSum.Select(sum => sum / rows).ToArray();
        var covariance = new double[latent * latent];
        for (var a = 0; a < latent; a++)
        {
            for (var b = 0; b < latent; b++)
            {
                covariance[a * latent + b] = codeProducts[a * latent + b] / rows - mean[a] * mean[b];
            }
        }

        var ridge = CovarianceRidge * Enumerable.Range(0, latent).Average(a => covariance[a * latent + a]) + 1e-12;
        for (var a = 0; a < latent; a++)
        {
            covariance[a * latent + a] += ridge;
        }

        var variance = squaredErrors.Select(sum => sum / rows).ToArray();
        var floor = ResidualVarianceFloor * variance.Average() + 1e-12;
        return new CodeAndErrorLikelihood(
            Array.ConvertAll(mean, value => (float)value),
            Array.ConvertAll(SymmetricInverse(covariance, latent), value => (float)value),
            Array.ConvertAll(variance, value => (float)Math.Max(value, floor)));
    }

    /// <summary>
    /// Each row's score from its <paramref name="codes"/> and its features' squared reconstruction
    /// <paramref name="errors"/> (rows x input width), and, per feature, its share of the error
    /// term: the squared error over the residual variance.
    /// </summary>
    public (float[] Scores, float[] Contributions) Score(FeatureMatrix codes, float[] errors)
    {
        int width = ResidualVariance.Length, latent = CodeMean.Length;
        var scores = new float[codes.Rows];
        var contributions = new float[errors.Length];
        var centered = new double[latent];
        for (var row = 0; row < codes.Rows; row++)
        {
            double score = 0;
            for (var j = 0; j < width; j++)
            {
                var index = row * width + j;
                contributions[index] = errors[index] / ResidualVariance[j];
                score += contributions[index];
            }

            var code = codes.Row(row);
            for (var a = 0; a < latent; a++)
            {
                centered[a] = code[a] - CodeMean[a];
            }

            for (var a = 0; a < latent; a++)
            {
                double product = 0;
                for (var b = 0; b < latent; b++)
                {
                    product += CodePrecision[a * latent + b] * centered[b];
                }

                score += centered[a] * product;
            }

            scores[row] = (float)score;
        }

        return (scores, contributions);
    }

    /// <summary>Adds the nodes that compute the score from the <paramref name="code"/> and the <paramref name="squaredErrors"/> values; returns the score and contributions values.</summary>
    public (string Score, string Contributions) ExportToOnnx(OnnxExportContext context, string code, string squaredErrors)
    {
        int width = ResidualVariance.Length, latent = CodeMean.Length;
        var inverseVariance = Array.ConvertAll(ResidualVariance, variance => 1f / variance);
        var contributions = context.Node("Mul", [squaredErrors, context.Constant("inverse_residual_variance", inverseVariance, 1, width)], "weighted_errors");
        var errorTerm = context.Node("ReduceSum", [contributions, context.Constant("feature_axis", [1L], 1)], "error_term", OnnxAttributes.Int("keepdims", 1));
        var centered = context.Node("Sub", [code, context.Constant("code_mean", CodeMean, 1, latent)], "centered_code");
        var projected = context.Node("MatMul", [centered, context.Constant("code_precision", CodePrecision, latent, latent)], "projected_code");
        var products = context.Node("Mul", [centered, projected], "code_products");
        var codeTerm = context.Node("ReduceSum", [products, context.Constant("code_axis", [1L], 1)], "code_term", OnnxAttributes.Int("keepdims", 1));
        return (context.Node("Add", [errorTerm, codeTerm], AutoencoderDefaults.ScoreColumnName), contributions);
    }

    /// <summary>The statistics as a JSON object of the model file.</summary>
    public JsonObject Save() => new()
    {
        ["codeMean"] = JsonFloats.ToJson(CodeMean),
        ["codePrecision"] = JsonFloats.ToJson(CodePrecision),
        ["residualVariance"] = JsonFloats.ToJson(ResidualVariance),
    };

    /// <summary>The statistics saved by <see cref="Save"/> for a model of <paramref name="inputWidth"/> features and <paramref name="latentWidth"/> code values; null when they do not fit it.</summary>
    public static CodeAndErrorLikelihood? Load(JsonNode? json, int inputWidth, int latentWidth)
    {
        if (json is not JsonObject statistics)
        {
            return null;
        }

        var mean = JsonFloats.Read(statistics["codeMean"]);
        var precision = JsonFloats.Read(statistics["codePrecision"]);
        var variance = JsonFloats.Read(statistics["residualVariance"]);
        var fits = mean?.Length == latentWidth && precision?.Length == latentWidth * latentWidth && variance?.Length == inputWidth
            && mean.Concat(precision).All(float.IsFinite) && variance.All(value => value > 0f && float.IsFinite(value));
        return fits ? new CodeAndErrorLikelihood(mean!, precision!, variance!) : null;
    }

    /// <summary>The inverse of a symmetric positive definite matrix, by Cholesky factorization.</summary>
    private static double[] SymmetricInverse(double[] matrix, int size)
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

                lower[i * size + j] = i == j ? Math.Sqrt(Math.Max(sum, double.Epsilon)) : sum / lower[j * size + j];
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
