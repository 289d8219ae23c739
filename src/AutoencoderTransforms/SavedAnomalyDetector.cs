using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>
/// What an anomaly detector in a saved model decides with, read back from the file: after
/// <c>mlContext.Model.Load</c> the detector is ML.NET's OnnxTransformer, which does not tell.
/// </summary>
/// <param name="Threshold">The score above which a row is an anomaly.</param>
/// <param name="TrainingHistory">The epochs of its training (empty for a model saved without them).</param>
public sealed record SavedAnomalyDetector(float Threshold, IReadOnlyList<EpochProgress> TrainingHistory);
