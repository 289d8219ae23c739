namespace Autoencoders.Trainers;

/// <summary>ML.NET's Platt calibrator: probability = 1 / (1 + exp(<see cref="Slope"/> x score + <see cref="Offset"/>)).</summary>
public sealed class PlattCalibrator
{
    internal PlattCalibrator(double slope, double offset) => (Slope, Offset) = (slope, offset);

    /// <summary>The slope; -1 for logistic regression, whose score is already the log-odds.</summary>
    public double Slope { get; }

    /// <summary>The offset; 0 for logistic regression.</summary>
    public double Offset { get; }

    /// <summary>The probability of the positive class for <paramref name="score"/>.</summary>
    public float PredictProbability(float score) => (float)(1 / (1 + Math.Exp(Slope * score + Offset)));
}
