using System.Diagnostics;
using static Autoencoders.Trainers.AutoencoderTrainer;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Autoencoders.Trainers;

/// <summary>
/// Trains an autoencoder and a classifier on its code in one fit over rows of which some have a
/// class and the rest none: reconstruction on every row, classification on the labelled rows, and
/// consistency between two views of every row (see <see cref="SemiSupervisedTrainingOptions"/>), so
/// that the code keeps what separates the classes rather than all that reconstructs the rows.
/// The rows are held in memory.
/// </summary>
public sealed class SemiSupervisedTrainer
{
    /// <summary>A row without a class.</summary>
    public const int Unlabelled = -1;

    /// <summary>A trainer with <paramref name="options"/>, checked when <see cref="Fit"/> is called.</summary>
    public SemiSupervisedTrainer(SemiSupervisedTrainingOptions options) => Options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>How it trains.</summary>
    public SemiSupervisedTrainingOptions Options { get; }

    /// <summary>
    /// Trains the network <paramref name="spec"/> describes and a classifier into <paramref name="classCount"/>
    /// classes on <paramref name="rows"/>, whose classes are <paramref name="labels"/> (from 0, or
    /// <see cref="Unlabelled"/>), one per row.
    /// </summary>
    /// <exception cref="ArgumentException">An option or the data is invalid (a value that is not finite names its row and slot), or no row has a class.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public SemiSupervisedModel Fit(IAutoencoderSpec spec, FeatureMatrix rows, IReadOnlyList<int> labels, int classCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        CheckOptions(spec.InputWidth);
        if (rows.Columns != spec.InputWidth)
        {
            throw new ArgumentException($"The rows have {rows.Columns} values but the network takes {spec.InputWidth}.", nameof(rows));
        }

        if (labels.Count != rows.Rows)
        {
            throw new ArgumentException($"There are {labels.Count} labels for {rows.Rows} rows; give one per row ({Unlabelled} for none).", nameof(labels));
        }

        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A classifier needs at least 2 classes.");
        }

        var labelled = new List<long>();
        for (var row = 0; row < labels.Count; row++)
        {
            if (labels[row] != Unlabelled && (labels[row] < 0 || labels[row] >= classCount))
            {
                throw new ArgumentException($"Row {row} has class {labels[row]}; classes are 0 to {classCount - 1}, or {Unlabelled} for none.", nameof(labels));
            }

            if (labels[row] != Unlabelled)
            {
                labelled.Add(row);
            }
        }

        if (labelled.Count == 0)
        {
            throw new ArgumentException($"None of the {rows.Rows} rows has a class: the classifier needs some labelled rows.", nameof(labels));
        }

        rows.EnsureFinite();
        var (min, max) = rows.Range();
        var model = new SemiSupervisedModel(AutoencoderModel.Create(spec.ToArchitecture(DenseAutoencoderSpec.OutputActivationForRange(min, max)), Options.Seed ?? 0), classCount);
        try
        {
            Train(model, rows, labels, labelled, cancellationToken);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private void Train(SemiSupervisedModel model, FeatureMatrix rows, IReadOnlyList<int> labels, List<long> labelledRows, CancellationToken cancellationToken)
    {
        var autoencoder = model.Autoencoder;
        var network = autoencoder.Network;
        var classifier = model.Classifier;
        var generator = autoencoder.Generator;
        var clock = Stopwatch.StartNew();
        using var augmentation = new Augmentation(Options);
        var weights = network.Parameters.Concat<Tensor>([classifier.Weight, classifier.Bias]).ToArray();
        using var optimizer = new AdamOptimizer(weights, Options.LearningRate, weightDecay: 0);
        using var data = TensorRows.From(rows.Values, rows.Columns);
        using var classes = tensor(labels.Select(label => (long)label).ToArray());
        using var labelled = tensor(labelledRows.ToArray());
        using var average = Options.WeightAveraging > 0f ? new WeightAverage(weights, Options.WeightAveraging) : null;
        var pseudoLabels = new PseudoLabels(labels, model.ClassCount, Options.ConfidenceThreshold, Options.DistributionAlignment);
        network.Training = true;
        try
        {
            for (var epoch = 1; epoch <= Options.Epochs; epoch++)
            {
                double lossSum = 0;
                var steps = 0;
                using (var epochScope = NewDisposeScope())
                {
                    var order = randperm(rows.Rows, generator: generator);
                    for (var start = 0; start < rows.Rows; start += Options.BatchSize)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        using var stepScope = NewDisposeScope();
                        var batch = data.index_select(0, order.slice(0, start, Math.Min(rows.Rows, start + Options.BatchSize), 1));
                        var drawn = labelled.index_select(0, randint(0, labelled.shape[0], [Options.LabelledBatchSize], generator: generator));
                        optimizer.DropGradients();
                        var loss = Loss(model, network, augmentation, pseudoLabels, batch, data.index_select(0, drawn), classes.index_select(0, drawn), generator);
                        loss.backward();
                        optimizer.Step();
                        average?.Update();
                        lossSum += loss.item<float>();
                        steps++;
                    }
                }

                var meanLoss = (float)(lossSum / steps);
                if (!float.IsFinite(meanLoss))
                {
                    throw new InvalidOperationException($"Training diverged in epoch {epoch} (loss {meanLoss}); lower {nameof(Options.LearningRate)} (now {Options.LearningRate}) or scale the features.");
                }

                Options.Progress?.Report(new EpochProgress(epoch, Options.Epochs, meanLoss, null, clock.Elapsed, IsBest: true));
            }

            average?.CopyToWeights();
        }
        finally
        {
            network.Training = false;
            NativeHeap.ReleaseFreedMemory();
        }
    }

    /// <summary>One step's loss (see <see cref="SemiSupervisedTrainingOptions"/>).</summary>
    private Tensor Loss(SemiSupervisedModel model, AutoencoderNetwork network, Augmentation augmentation, PseudoLabels pseudoLabels, Tensor batch, Tensor labelledRows, Tensor labelledClasses,
        Generator generator)
    {
        var loss = F.cross_entropy(model.Logits(network, augmentation.Weak(labelledRows, generator)), labelledClasses);
        if (Options.ReconstructionWeight > 0f)
        {
            loss = loss.Plus(F.mse_loss(network.Reconstruct(batch), batch).Times(Options.ReconstructionWeight));
        }

        if (Options.ConsistencyWeight > 0f)
        {
            Tensor confident, targets;
            using (no_grad())
            {
                var (weights, chosen) = pseudoLabels.Choose(TensorRows.ToArray(model.Logits(network, augmentation.Weak(batch, generator)).softmax(1)));
                (confident, targets) = (tensor(weights), tensor(chosen));
            }

            var disagreement = F.cross_entropy(model.Logits(network, augmentation.Strong(batch, generator)), targets, reduction: nn.Reduction.None);
            loss = loss.Plus((disagreement * confident).mean().Times(Options.ConsistencyWeight));
        }

        return loss;
    }

    private void CheckOptions(int inputWidth)
    {
        var o = Options;
        Require(o.Epochs >= 1, nameof(o.Epochs), o.Epochs, "must be at least 1");
        Require(o.BatchSize >= 1, nameof(o.BatchSize), o.BatchSize, "must be at least 1");
        Require(o.LabelledBatchSize >= 1, nameof(o.LabelledBatchSize), o.LabelledBatchSize, "must be at least 1");
        Require(float.IsFinite(o.LearningRate) && o.LearningRate > 0f, nameof(o.LearningRate), o.LearningRate, "must be a positive number");
        Require(float.IsFinite(o.ReconstructionWeight) && o.ReconstructionWeight >= 0f, nameof(o.ReconstructionWeight), o.ReconstructionWeight, "must be zero or positive");
        Require(float.IsFinite(o.ConsistencyWeight) && o.ConsistencyWeight >= 0f, nameof(o.ConsistencyWeight), o.ConsistencyWeight, "must be zero or positive");
        Require(o.ConfidenceThreshold is null or > 0f and <= 1f, nameof(o.ConfidenceThreshold), o.ConfidenceThreshold, "must be in (0, 1], or null for the adaptive threshold");
        Require(o.StrongMasking >= 0f && o.StrongMasking < 1f, nameof(o.StrongMasking), o.StrongMasking, "must be in [0, 1)");
        Require(o.WeightAveraging >= 0f && o.WeightAveraging < 1f, nameof(o.WeightAveraging), o.WeightAveraging, "must be in [0, 1)");
        Require(o.MaximumShift >= 0, nameof(o.MaximumShift), o.MaximumShift, "must be zero or more");
        if (o.ImageShape is { } image)
        {
            Require(image.Holds(inputWidth), nameof(o.ImageShape), image, $"must hold as many values as a row ({inputWidth})");
            Require(o.MaximumShift < Math.Min(image.Height, image.Width), nameof(o.MaximumShift), o.MaximumShift, $"must be less than the image's smaller side ({Math.Min(image.Height, image.Width)})");
        }
    }
}
