namespace Autoencoders.Data;

/// <summary>Quality of a regression model's predictions.</summary>
/// <param name="MeanAbsoluteError">Mean of |label - score|.</param>
/// <param name="MeanSquaredError">Mean of (label - score)^2.</param>
/// <param name="RootMeanSquaredError">Square root of the mean squared error.</param>
/// <param name="RSquared">1 - (squared error) / (variance of the labels).</param>
public sealed record RegressionMetrics(double MeanAbsoluteError, double MeanSquaredError, double RootMeanSquaredError, double RSquared);
