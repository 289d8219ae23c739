namespace Autoencoders.Trainers;

/// <summary>A binary model with the calibrator that turns its scores into probabilities (ML.NET's <c>CalibratedModelParameters</c>).</summary>
/// <typeparam name="TSubModel">The model that scores rows, such as <see cref="LinearBinaryModelParameters"/>.</typeparam>
/// <typeparam name="TCalibrator">The calibrator, such as <see cref="PlattCalibrator"/>.</typeparam>
public sealed class CalibratedModelParameters<TSubModel, TCalibrator>
    where TSubModel : class
    where TCalibrator : class
{
    internal CalibratedModelParameters(TSubModel subModel, TCalibrator calibrator) => (SubModel, Calibrator) = (subModel, calibrator);

    /// <summary>The model that scores rows.</summary>
    public TSubModel SubModel { get; }

    /// <summary>The calibrator of the scores.</summary>
    public TCalibrator Calibrator { get; }
}
