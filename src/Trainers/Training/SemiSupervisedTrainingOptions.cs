namespace Autoencoders.Trainers;

/// <summary>
/// How <see cref="SemiSupervisedTrainer"/> trains an autoencoder and a classifier on its code together.
/// Each step takes <see cref="BatchSize"/> rows of all the data and <see cref="LabelledBatchSize"/>
/// labelled rows (drawn with replacement) and minimizes: the reconstruction loss of the rows, times
/// <see cref="ReconstructionWeight"/>; the cross-entropy of the labelled rows' weak views
/// (<see cref="Augmentation"/>); and, times <see cref="ConsistencyWeight"/>, the cross-entropy of the
/// rows' strong views against the class the classifier gives their weak views, counted only where it
/// gives that class a probability of at least <see cref="ConfidenceThreshold"/> (confident pseudo-labels,
/// chosen after <see cref="DistributionAlignment"/>).
/// The fitted weights are their running average over the steps (<see cref="WeightAveraging"/>).
/// Every default is here.
/// </summary>
public class SemiSupervisedTrainingOptions
{
    /// <summary>Passes over all the rows; at least 1. Defaults to 30.</summary>
    public int Epochs { get; set; } = 30;

    /// <summary>Rows of all the data per step; at least 1. Defaults to 128.</summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>Labelled rows per step, drawn with replacement; at least 1. Defaults to 64.</summary>
    public int LabelledBatchSize { get; set; } = 64;

    /// <summary>Adam's learning rate; positive. Defaults to 0.001.</summary>
    public float LearningRate { get; set; } = 1e-3f;

    /// <summary>The reconstruction loss's weight; zero or positive. Defaults to 1.</summary>
    public float ReconstructionWeight { get; set; } = 1f;

    /// <summary>The consistency loss's weight; zero (labels and reconstruction only) or positive. Defaults to 1.</summary>
    public float ConsistencyWeight { get; set; } = 1f;

    /// <summary>
    /// The probability the classifier must give a row's weak view for that class to teach its strong
    /// view, in (0, 1]; or null for a threshold that adapts (FreeMatch's): a class's threshold is the
    /// running mean of the highest probability the classifier gives the weak views, times that class's
    /// running mean probability over the largest class's, so it starts low, rises as the classifier
    /// grows confident, and is lower for the classes it predicts less. On Fashion-MNIST the adaptive
    /// threshold scored higher with 10 labelled images per class and lower with 100, and in a short fit
    /// (117 steps) it took the untrained classifier's guesses and collapsed (0.30 against 0.72): give it
    /// at least a few hundred steps. Defaults to 0.95.
    /// </summary>
    public float? ConfidenceThreshold { get; set; } = 0.95f;

    /// <summary>
    /// Whether the weak views' probabilities are aligned with the labelled rows' class shares before
    /// the pseudo-labels are chosen (ReMixMatch's distribution alignment): each class's probability is
    /// multiplied by its share among the labelled rows over its running mean prediction, then the row's
    /// are renormalized, so that the pseudo-labels do not drift toward the classes the classifier
    /// favours. Defaults to true.
    /// </summary>
    public bool DistributionAlignment { get; set; } = true;

    /// <summary>
    /// How much of the running average of the weights each step keeps, in [0, 1): the fitted model is
    /// that exponential moving average over the steps rather than the last step's weights, which
    /// scores better and varies less with the seed. Zero keeps the last step's. Defaults to 0.999.
    /// </summary>
    public float WeightAveraging { get; set; } = 0.999f;

    /// <summary>The rows' image layout, for the image views (shifts, mirroring, cutout). Defaults to null: rows are not images.</summary>
    public ImageShape? ImageShape { get; set; }

    /// <summary>The most pixels an image's weak view moves it each way; zero or more. Defaults to 2.</summary>
    public int MaximumShift { get; set; } = 2;

    /// <summary>Whether an image's weak view may be its mirror image (left to right). Defaults to true.</summary>
    public bool Mirror { get; set; } = true;

    /// <summary>The share of values the strong view blanks; in [0, 1). Defaults to 0.2.</summary>
    public float StrongMasking { get; set; } = 0.2f;

    /// <summary>The seed of the weights and every draw; null uses 0. Defaults to null.</summary>
    public int? Seed { get; set; }

    /// <summary>Receives each epoch's mean loss as the epoch ends. Defaults to null.</summary>
    public IProgress<EpochProgress>? Progress { get; set; }

    /// <summary>A copy of these options with <see cref="Seed"/> set to <paramref name="seed"/>.</summary>
    internal SemiSupervisedTrainingOptions WithSeed(int seed)
    {
        var copy = (SemiSupervisedTrainingOptions)MemberwiseClone();
        copy.Seed = seed;
        return copy;
    }
}
