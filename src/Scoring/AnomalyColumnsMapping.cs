using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Autoencoders.Scoring;

/// <summary>
/// The step of a saved anomaly detector that ML.NET's OnnxTransformer cannot take: ONNX Runtime gives
/// each row's score and decision as one-value vectors, and ML.NET's anomaly detectors (and
/// <c>AnomalyDetection.Evaluate</c>) have them as scalars, <c>Score</c> (Single) and
/// <c>PredictedLabel</c> (Boolean). Saved as ML.NET's CustomMapping under <see cref="ContractName"/>,
/// with this assembly's name, so <c>mlContext.Model.Load</c> finds it by itself wherever this
/// assembly is deployed beside the program (no registration call).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class AnomalyColumnsMapping : CustomMappingFactory<AnomalyColumnsMapping.Vectors, AnomalyColumnsMapping.Scalars>
{
    /// <summary>The contract name saved models refer to this mapping by.</summary>
    public const string ContractName = "Autoencoders.AnomalyColumns";

    /// <summary>The column of one-value score vectors the ONNX graph writes.</summary>
    public const string ScoreVectorColumnName = "Autoencoder.Score";

    /// <summary>The column of one-value decision vectors the ONNX graph writes.</summary>
    public const string PredictedLabelVectorColumnName = "Autoencoder.PredictedLabel";

    /// <inheritdoc />
    public override Action<Vectors, Scalars> GetMapping() => Map;

    /// <summary>Copies a row's one-value vectors into the scalar columns.</summary>
    public static void Map(Vectors input, Scalars output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        output.Score = input.Score[0];
        output.PredictedLabel = input.PredictedLabel[0];
    }

    /// <summary>The ONNX graph's one-value outputs of a row.</summary>
    public sealed class Vectors
    {
        /// <summary>The score, as one value.</summary>
        [ColumnName(ScoreVectorColumnName), VectorType(1)]
        public float[] Score { get; set; } = [0f];

        /// <summary>Whether the row is an anomaly, as one value.</summary>
        [ColumnName(PredictedLabelVectorColumnName), VectorType(1)]
        public bool[] PredictedLabel { get; set; } = [false];
    }

    /// <summary>The scalar columns of ML.NET's anomaly detectors.</summary>
    public sealed class Scalars
    {
        /// <summary>The anomaly score (higher = more anomalous).</summary>
        public float Score { get; set; }

        /// <summary>Whether the score is above the detector's threshold.</summary>
        public bool PredictedLabel { get; set; }
    }
}
