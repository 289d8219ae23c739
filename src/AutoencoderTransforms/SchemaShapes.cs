using Microsoft.ML;

namespace Autoencoders.Transforms;

/// <summary>
/// Output schema shapes for <c>GetOutputSchema</c>. <c>SchemaShape.Column</c> has no public
/// constructor, so each shape is borrowed from a public ML.NET estimator whose output has it.
/// </summary>
internal static class SchemaShapes
{
    /// <summary><paramref name="inputSchema"/> with <paramref name="outputColumn"/>, a Single vector of known size shaped like <paramref name="vectorColumn"/> (CopyColumns' output).</summary>
    public static SchemaShape Vector(SchemaShape inputSchema, string outputColumn, string vectorColumn) =>
        new MLContext().Transforms.CopyColumns(outputColumn, vectorColumn).GetOutputSchema(inputSchema);

    /// <summary><paramref name="inputSchema"/> with <c>Score</c> (Single) and <c>PredictedLabel</c> (Boolean), as ML.NET's anomaly detectors add them (RandomizedPca's output) from <paramref name="featureColumn"/>.</summary>
    public static SchemaShape AnomalyScore(SchemaShape inputSchema, string featureColumn) =>
        new MLContext().AnomalyDetection.Trainers.RandomizedPca(featureColumn, rank: 1).GetOutputSchema(inputSchema);

    /// <summary>
    /// <paramref name="inputSchema"/> with <c>Score</c> (Single vector) and <c>PredictedLabel</c> (a key), as ML.NET's multiclass
    /// trainers add them (L-BFGS maximum entropy's output, which also checks that <paramref name="labelColumn"/> is a key).
    /// </summary>
    public static SchemaShape MulticlassPrediction(SchemaShape inputSchema, string labelColumn, string featureColumn) =>
        new MLContext().MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumn, featureColumn).GetOutputSchema(inputSchema);
}
