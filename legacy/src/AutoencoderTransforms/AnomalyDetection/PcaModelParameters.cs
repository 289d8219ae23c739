using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Onnx;

namespace Autoencoders.Trainers;

/// <summary>
/// A PCA anomaly model, as ML.NET's: the top eigenvectors of the training rows' covariance span
/// the normal rows' subspace, and a row's score is the share of its distance from the mean that
/// lies outside it, sqrt(|x - mean|^2 - |projection|^2) / |x - mean|, in [0, 1] (0 for a row at the mean).
/// </summary>
public sealed class PcaModelParameters : IAnomalyModelParameters
{
    internal const string Kind = "anomaly-pca";

    /// <summary>The smallest normal float: the distance a score divides by is at least this, so a row at the mean scores 0.</summary>
    private const float SmallestNormal = 1.17549435e-38f;

    private readonly PrincipalComponents _components;

    internal PcaModelParameters(PrincipalComponents components, bool isCentered)
    {
        _components = components;
        IsCentered = isCentered;
    }

    /// <summary>The number of eigenvectors.</summary>
    public int Rank => _components.Rank;

    /// <summary>Values per row.</summary>
    public int Dimension => _components.InputWidth;

    /// <summary>Whether the rows were centered on their mean (otherwise the mean is zero).</summary>
    public bool IsCentered { get; }

    /// <summary>Copies the top eigenvectors of the training rows' covariance, strongest first, into <paramref name="vectors"/> (resized as needed), as ML.NET's.</summary>
    public void GetEigenVectors(ref VBuffer<float>[] vectors, out int rank)
    {
        rank = Rank;
        if (vectors is null || vectors.Length != rank)
        {
            vectors = new VBuffer<float>[rank];
        }

        for (var i = 0; i < rank; i++)
        {
            vectors[i] = new VBuffer<float>(Dimension, _components.Components.Skip(i * Dimension).Take(Dimension).ToArray());
        }
    }

    /// <summary>Copies the training rows' mean (zeros when not centered) into <paramref name="mean"/>, as ML.NET's.</summary>
    public void GetMean(ref VBuffer<float> mean) => mean = new VBuffer<float>(Dimension, _components.Mean.ToArray());

    string IAnomalyModelParameters.Kind => Kind;

    int IAnomalyModelParameters.InputWidth => Dimension;

    float[] IAnomalyModelParameters.Score(FeatureMatrix features)
    {
        var projections = _components.Project(features);
        var scores = new float[features.Rows];
        for (var row = 0; row < scores.Length; row++)
        {
            var values = features.Row(row);
            double distance = 0;
            for (var i = 0; i < values.Length; i++)
            {
                var centered = values[i] - _components.Mean[i];
                distance += centered * centered;
            }

            double projected = 0;
            foreach (var coordinate in projections.Row(row))
            {
                projected += coordinate * coordinate;
            }

            scores[row] = (float)Math.Sqrt(Math.Max(distance - projected, 0) / Math.Max(distance, SmallestNormal));
        }

        return scores;
    }

    string IAnomalyModelParameters.ExportScoreToOnnx(OnnxExportContext context, string features)
    {
        var centered = context.Node("Sub", [features, context.Constant("pca.mean", _components.Mean.ToArray(), Dimension)], "pca.centered");
        var basis = context.Constant("pca.components", _components.Components.ToArray(), Rank, Dimension);
        var projection = context.Node("Gemm", [centered, basis], "pca.projection", OnnxAttributes.Int("transB", 1));
        var distance = context.Node("ReduceSumSquare", [centered], "pca.distance", OnnxAttributes.Ints("axes", 1), OnnxAttributes.Int("keepdims", 1));
        var projected = context.Node("ReduceSumSquare", [projection], "pca.projected", OnnxAttributes.Ints("axes", 1), OnnxAttributes.Int("keepdims", 1));
        var outside = context.Node("Max", [context.Node("Sub", [distance, projected], "pca.outside"), context.Constant("pca.zero", [0f], 1)], "pca.outside_clipped");
        var share = context.Node("Div", [outside, context.Node("Max", [distance, context.Constant("pca.smallest", [SmallestNormal], 1)], "pca.distance_clipped")], "pca.share");
        return context.Node("Sqrt", [share], AutoencoderDefaults.ScoreColumnName);
    }

    JsonObject IAnomalyModelParameters.Save() => new()
    {
        ["centered"] = IsCentered,
        ["mean"] = JsonFloats.ToJson(_components.Mean),
        ["components"] = JsonFloats.ToJson(_components.Components),
        ["variances"] = JsonFloats.ToJson(_components.Variances),
    };

    /// <summary>Reads what <see cref="IAnomalyModelParameters.Save"/> wrote; null when it is missing or does not make components.</summary>
    internal static PcaModelParameters? Load(JsonNode? json)
    {
        var (mean, components, variances) = (JsonFloats.Read(json?["mean"]), JsonFloats.Read(json?["components"]), JsonFloats.Read(json?["variances"]));
        if (json?["centered"] is not JsonValue centered || !centered.TryGetValue(out bool isCentered) || mean is null || components is null || variances is null)
        {
            return null;
        }

        try
        {
            return new PcaModelParameters(new PrincipalComponents(mean, components, variances), isCentered);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
