using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Data;

/// <summary>What <see cref="AnomalyPredictionTransformer{TModel}"/> needs from its model: to score rows, to be saved and to be exported.</summary>
internal interface IAnomalyModelParameters
{
    /// <summary>The saved kind of a detector holding this model (the key <see cref="ModelLoadContext"/> loads it by).</summary>
    string Kind { get; }

    /// <summary>Values per row.</summary>
    int InputWidth { get; }

    /// <summary>Each row's anomaly score (higher = more anomalous).</summary>
    float[] Score(FeatureMatrix features);

    /// <summary>The model's state as JSON.</summary>
    JsonObject Save();

    /// <summary>Adds the nodes that score <paramref name="features"/> and returns the score value (N x 1).</summary>
    string ExportScoreToOnnx(OnnxExportContext context, string features);
}
