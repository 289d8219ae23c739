using System.Diagnostics;
using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// Trains an autoencoder with TorchSharp: shuffled mini-batches with Adam, rows read chunk by chunk
/// from a feature source, an optional held-out validation split with early stopping that keeps the
/// best weights, checkpoints to resume from, progress reports, and cancellation honoured after the
/// batch in flight.
/// </summary>
public sealed class AutoencoderTrainer
{
    /// <summary>Creates a trainer; the options are checked when training starts.</summary>
    public AutoencoderTrainer(AutoencoderTrainingOptions? options = null) => Options = options ?? new AutoencoderTrainingOptions();

    /// <summary>The settings used by <c>Fit</c>.</summary>
    public AutoencoderTrainingOptions Options { get; }

    /// <summary>
    /// Builds the autoencoder <paramref name="spec"/> describes (choosing the output activation from
    /// the data's range when the spec leaves it open) and trains it on <paramref name="data"/>,
    /// holding out <see cref="AutoencoderTrainingOptions.ValidationFraction"/> of the rows for validation.
    /// </summary>
    /// <exception cref="ArgumentException">An option or the data is invalid; the message names it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public AutoencoderTrainingResult Fit(IAutoencoderSpec spec, FeatureMatrix data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (training, validation, scan) = ScanAndSplit(data, spec.InputWidth);
        return Train(spec.ToArchitecture(OutputActivationFor(scan.Training)), training, validation, scan, cancellationToken);
    }

    /// <summary>
    /// Trains the autoencoder of <paramref name="spec"/> on <paramref name="training"/>, validating on
    /// <paramref name="validation"/> when given (the validation fraction option is not used).
    /// </summary>
    /// <exception cref="ArgumentException">An option or the data is invalid; the message names it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public AutoencoderTrainingResult Fit(IAutoencoderSpec spec, FeatureMatrix training, FeatureMatrix? validation, CancellationToken cancellationToken = default) =>
        Fit(spec, training, (IFeatureSource?)validation, cancellationToken);

    /// <summary>
    /// Trains the autoencoder of <paramref name="spec"/> on rows read pass by pass from
    /// <paramref name="training"/> (one pass to check and measure them, then one per epoch),
    /// validating on <paramref name="validation"/> when given: memory holds a chunk of rows, not the data set.
    /// </summary>
    /// <exception cref="ArgumentException">An option or the data is invalid; the message names it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public AutoencoderTrainingResult Fit(IAutoencoderSpec spec, IFeatureSource training, IFeatureSource? validation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var scan = Scan(training, validation, spec.InputWidth);
        return Train(spec.ToArchitecture(OutputActivationFor(scan.Training)), training, validation, scan, cancellationToken);
    }

    /// <summary>
    /// Trains the exact <paramref name="architecture"/> on <paramref name="data"/>, holding out
    /// <see cref="AutoencoderTrainingOptions.ValidationFraction"/> of the rows for validation.
    /// </summary>
    /// <exception cref="ArgumentException">An option or the data is invalid; the message names it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public AutoencoderTrainingResult Fit(AutoencoderArchitecture architecture, FeatureMatrix data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var (training, validation, scan) = ScanAndSplit(data, architecture.InputWidth);
        return Train(architecture, training, validation, scan, cancellationToken);
    }

    /// <summary>
    /// Trains the exact <paramref name="architecture"/> on <paramref name="training"/>, validating on
    /// <paramref name="validation"/> when given (the validation fraction option is not used).
    /// </summary>
    /// <exception cref="ArgumentException">An option or the data is invalid; the message names it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public AutoencoderTrainingResult Fit(AutoencoderArchitecture architecture, FeatureMatrix training, FeatureMatrix? validation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return Train(architecture, training, validation, Scan(training, validation, architecture.InputWidth), cancellationToken);
    }

    /// <summary>
    /// Splits <paramref name="data"/> into training and validation rows as training does: a
    /// <see cref="AutoencoderTrainingOptions.ValidationFraction"/> share of the rows, drawn with
    /// <see cref="AutoencoderTrainingOptions.Seed"/>. Validation is null when the fraction is 0.
    /// </summary>
    /// <exception cref="ArgumentException">The split would leave either side without rows.</exception>
    public (FeatureMatrix Training, FeatureMatrix? Validation) SplitValidation(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return SplitOrder(data.Rows) is { } split ? (data.SelectRows(split.Training), data.SelectRows(split.Validation)) : (data, null);
    }

    /// <summary>Which rows train and which validate, as <see cref="SplitValidation"/> describes; null when the fraction is 0.</summary>
    private (int[] Training, int[] Validation)? SplitOrder(int rows)
    {
        var fraction = Options.ValidationFraction;
        Require(fraction >= 0f && fraction < 1f, nameof(Options.ValidationFraction), fraction, "must be in [0, 1)");
        if (fraction == 0f)
        {
            return null;
        }

        var validationRows = (int)Math.Round(rows * (double)fraction);
        if (validationRows < 1 || validationRows >= rows)
        {
            throw new ArgumentException(
                $"{nameof(Options.ValidationFraction)} {fraction} of {rows} rows leaves {validationRows} validation and {rows - validationRows} training rows; both need at least one (or set it to 0).",
                nameof(Options.ValidationFraction));
        }

        var order = Enumerable.Range(0, rows).ToArray();
        AutoencoderTrainingOptions.RandomFor(Options.EffectiveSeed).Shuffle(order);
        return (order[validationRows..], order[..validationRows]);
    }

    private AutoencoderTrainingResult Train(AutoencoderArchitecture architecture, IFeatureSource training, IFeatureSource? validation,
        (RowScan Training, RowScan? Validation) scan, CancellationToken cancellationToken)
    {
        CheckOptions(architecture, scan.Training);
        using var group = RankGroup.Join(Options.Distributed);
        var clock = Stopwatch.StartNew();
        var model = AutoencoderModel.Create(architecture, Options.EffectiveSeed);
        AutoencoderModel? best = validation is null ? null : model.Clone();
        try
        {
            var rowsPerRank = scan.Training.Rows;
            if (group is not null)
            {
                var shard = RankShard.Of(training, scan.Training.Rows, group, padded: true, Options.BatchSize);
                (training, rowsPerRank) = (shard, shard.Rows);
                validation = validation is null ? null : RankShard.Of(validation, scan.Validation!.Value.Rows, group, padded: false, Options.BatchSize);
            }

            var dropLast = DropsLastRow(architecture, rowsPerRank);
            var fingerprint = TrainingCheckpoint.Fingerprint(architecture, scan.Training.Rows, scan.Validation?.Rows ?? 0, Options, dropLast);
            group?.RequireAgreement(fingerprint, "architecture, row count and training settings");
            var parameters = model.Network.Parameters.ToArray();
            using var optimizer = new AdamOptimizer(parameters, Options.LearningRate, Options.WeightDecay);
            using var objective = new TrainingObjective(Options);
            var checkpoint = Options.CheckpointPath is { } path ? new TrainingCheckpoint(path, fingerprint) : null;
            var restored = checkpoint?.TryRestore(model, optimizer, best);
            var history = restored?.History.ToList() ?? [];
            if (group is not null)
            {
                group.RequireAgreement($"{history.Count}", "checkpoint (every rank resumes from the same one, so it must be on a file system all ranks read)");
                group.BroadcastFromFirst([.. model.State.Select(entry => entry.Tensor)]);
                // Each rank draws its own noise, dropout and shuffles.
                model.Generator.manual_seed(unchecked(Options.EffectiveSeed + group.Rank * (long)0x9E3779B97F4A7C15UL + history.Count));
            }

            var bestLoss = restored?.BestLoss ?? float.PositiveInfinity;
            var bestEpoch = restored?.BestEpoch ?? 0;
            var elapsedBefore = history.Count > 0 ? history[^1].Elapsed : TimeSpan.Zero;
            var batchCount = BatchCount(rowsPerRank, dropLast);
            var epochs = Options.EpochsFor(batchCount);
            var isFirstRank = (group?.Rank ?? 0) == 0;
            for (var epoch = history.Count + 1; epoch <= epochs && !ShouldStop(validation, history.Count, bestEpoch); epoch++)
            {
                var place = new EpochPlace(epoch, epochs, batchCount);
                var (trainingLoss, validationLoss) = RunOrAbort(group, () =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var trained = RunEpoch(model, optimizer, objective, training, place, dropLast, group, parameters, cancellationToken);
                    var validated = validation is null ? null : (float?)Evaluate(model, objective, validation, epoch, group);
                    return (trained, validated);
                });
                var monitored = validationLoss ?? trainingLoss;
                if (!float.IsFinite(monitored))
                {
                    var unscaled = Math.Max(Math.Abs(scan.Training.Min), Math.Abs(scan.Training.Max)) > UnscaledMagnitude
                        ? $"; the values range over [{scan.Training.Min:G4}, {scan.Training.Max:G4}], so scale them first (e.g. NormalizeMinMax or NormalizeMeanVariance)"
                        : "";
                    throw new InvalidOperationException(
                        $"Training diverged in epoch {epoch} (loss {monitored}); lower {nameof(Options.LearningRate)} (now {Options.LearningRate}){unscaled}.");
                }

                var isBest = validation is null || monitored < bestLoss;
                if (isBest)
                {
                    bestLoss = monitored;
                    bestEpoch = epoch;
                    best?.CopyWeightsFrom(model);
                }

                var progress = new EpochProgress(epoch, epochs, trainingLoss, validationLoss, elapsedBefore + clock.Elapsed, isBest);
                history.Add(progress);
                // Every rank holds the same weights and history; rank 0 alone writes them.
                if (checkpoint is not null && isFirstRank && (epoch % Options.CheckpointInterval == 0 || epoch == epochs || ShouldStop(validation, epoch, bestEpoch)))
                {
                    RunOrAbort(group, () =>
                    {
                        checkpoint.Save(model, optimizer, best, new TrainingCheckpoint.Progress(history, bestEpoch, bestLoss));
                        return 0;
                    });
                }

                Options.Progress?.Report(progress);
            }

            if (best is not null && bestEpoch != history.Count)
            {
                (model, best) = (best, model);
            }

            return new AutoencoderTrainingResult(model, history, bestEpoch);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        finally
        {
            best?.Dispose();
            NativeHeap.ReleaseFreedMemory();
        }
    }

    /// <summary><paramref name="work"/>, ending every rank's job should it fail on this one while the others may wait for it.</summary>
    private static T RunOrAbort<T>(RankGroup? group, Func<T> work) => group is null ? work() : group.RunOrAbort(work);

    /// <summary>Early stopping: validation has not improved for <see cref="AutoencoderTrainingOptions.EarlyStoppingPatience"/> epochs.</summary>
    private bool ShouldStop(IFeatureSource? validation, int epochsRun, int bestEpoch) =>
        validation is not null && Options.EarlyStoppingPatience > 0 && epochsRun - bestEpoch >= Options.EarlyStoppingPatience;

    /// <summary>Where an epoch stands: its number, how many there are, and the optimizer steps it takes.</summary>
    private readonly record struct EpochPlace(int Epoch, int Epochs, long Batches);

    /// <summary>
    /// One epoch: each chunk of a pass over <paramref name="training"/> in shuffled mini-batches,
    /// one optimizer step each, every step in its own dispose scope; the loss averaged over all rows.
    /// </summary>
    private float RunEpoch(AutoencoderModel model, AdamOptimizer optimizer, TrainingObjective objective, IFeatureSource training, EpochPlace place,
        bool dropLast, RankGroup? group, IReadOnlyList<Tensor> parameters, CancellationToken cancellationToken)
    {
        var network = model.Network;
        network.Training = true;
        try
        {
            double lossSum = 0;
            long rowsSeen = 0, batchesRun = 0;
            foreach (var chunk in training.ReadChunks(place.Epoch))
            {
                if (chunk.Rows == 0) continue;
                using var chunkScope = NewDisposeScope();
                var data = TensorRows.From(chunk.Values, chunk.Columns);
                var order = randperm(chunk.Rows, generator: model.Generator);
                var usableRows = dropLast ? chunk.Rows - chunk.Rows % Options.BatchSize : chunk.Rows;
                for (var start = 0; start < usableRows; start += Options.BatchSize)
                {
                    var end = Math.Min(usableRows, start + Options.BatchSize);
                    float batchLoss;
                    using (NewDisposeScope())
                    {
                        var input = data.index_select(0, order.slice(0, start, end, 1));
                        optimizer.DropGradients();
                        var loss = objective.Loss(network, objective.Corrupt(input, model.Generator), input, sample: true, model.Generator);
                        loss.backward();
                        group?.AverageGradients(parameters);
                        optimizer.Step();
                        batchLoss = loss.item<float>();
                    }

                    lossSum += (double)batchLoss * (end - start);
                    rowsSeen += end - start;
                    batchesRun++;
                    Options.BatchProgress?.Report(new BatchProgress(place.Epoch, (int)batchesRun, (int)place.Batches, batchLoss, place.Epochs));
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            if (group is not null)
            {
                // Batch norm's running statistics are rank 0's, so that every rank validates and keeps the same model.
                group.BroadcastFromFirst([.. network.Buffers]);
            }

            return MeanOverRanks(group, lossSum, rowsSeen, "the sum of the epoch's training losses");
        }
        finally
        {
            network.Training = false;
        }
    }

    /// <summary>The validation loss: the objective without sampling or penalties, over every chunk of a pass, averaged over all rows (of all ranks).</summary>
    private static float Evaluate(AutoencoderModel model, TrainingObjective objective, IFeatureSource rows, int pass, RankGroup? group)
    {
        double lossSum = 0;
        long count = 0;
        using var noGrad = no_grad();
        foreach (var chunk in rows.ReadChunks(pass))
        {
            for (var start = 0; start < chunk.Rows; start += AutoencoderModel.InferenceBatchRows)
            {
                var batch = Math.Min(AutoencoderModel.InferenceBatchRows, chunk.Rows - start);
                using var scope = NewDisposeScope();
                var input = TensorRows.From(chunk.Values.Slice(start * chunk.Columns, batch * chunk.Columns), chunk.Columns);
                lossSum += objective.Loss(model.Network, input, input, sample: false, model.Generator).item<float>() * (double)batch;
                count += batch;
            }
        }

        return MeanOverRanks(group, lossSum, count, "the sum of the validation losses");
    }

    /// <summary>The mean of a loss summed over <paramref name="rows"/> rows, over every rank's rows when distributed.</summary>
    private static float MeanOverRanks(RankGroup? group, double lossSum, long rows, string what)
    {
        Span<double> totals = [lossSum, rows];
        group?.Sum(totals, what);
        return (float)(totals[0] / Math.Max(1, totals[1]));
    }

    /// <summary>Optimizer steps in an epoch of <paramref name="rows"/> rows.</summary>
    private long BatchCount(long rows, bool dropLast) =>
        ((dropLast ? rows - 1 : rows) + Options.BatchSize - 1) / Options.BatchSize;

    /// <summary>Batch norm cannot train on a batch of one row: such a trailing batch is dropped.</summary>
    private bool DropsLastRow(AutoencoderArchitecture architecture, long rows) => architecture.HasBatchNorm && rows % Options.BatchSize == 1;

    /// <summary>What one pass over a source's rows finds: how many, and their smallest and largest value.</summary>
    private readonly record struct RowScan(long Rows, float Min, float Max);

    /// <summary>Inputs larger than this in magnitude are far from the scale the defaults are made for; a divergence then says to scale them.</summary>
    private const float UnscaledMagnitude = 100f;

    /// <summary>
    /// Checks and measures all of <paramref name="data"/> (so that an error names the row's place in
    /// it), then splits it without copying: each side reads its rows from <paramref name="data"/> as
    /// training goes, and each side's scan is the whole data's range with its own row count.
    /// </summary>
    private (IFeatureSource Training, IFeatureSource? Validation, (RowScan Training, RowScan? Validation) Scan) ScanAndSplit(FeatureMatrix data, int inputWidth)
    {
        var whole = Scan(data, inputWidth, nameof(data));
        if (SplitOrder(data.Rows) is not { } split)
        {
            return (data, null, (whole, null));
        }

        var training = new SelectedFeatureRows(data, split.Training, Options.BatchSize, shuffleSeed: Options.EffectiveSeed);
        var validation = new SelectedFeatureRows(data, split.Validation, Options.BatchSize, shuffleSeed: null);
        return (training, validation, (whole with { Rows = training.Rows }, whole with { Rows = validation.Rows }));
    }

    private static Activation OutputActivationFor(RowScan training) => DenseAutoencoderSpec.OutputActivationForRange(training.Min, training.Max);

    /// <summary>One pass over each source: the rows are counted and measured, and every value is checked finite, naming the row.</summary>
    private static (RowScan Training, RowScan? Validation) Scan(IFeatureSource training, IFeatureSource? validation, int inputWidth) =>
        (Scan(training, inputWidth, nameof(training)), validation is null ? null : Scan(validation, inputWidth, nameof(validation)));

    private static RowScan Scan(IFeatureSource source, int inputWidth, string role)
    {
        ArgumentNullException.ThrowIfNull(source, role);
        if (source.Columns != inputWidth)
        {
            throw new ArgumentException($"The {role} rows have {source.Columns} values but the autoencoder takes {inputWidth}.", role);
        }

        long rows = 0;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var chunk in source.ReadChunks(0))
        {
            chunk.EnsureFinite(source.Name, rows, allowMissing: false);
            if (chunk.Rows > 0)
            {
                var (chunkMin, chunkMax) = chunk.Range();
                (min, max) = (Math.Min(min, chunkMin), Math.Max(max, chunkMax));
            }

            rows += chunk.Rows;
        }

        return rows > 0 ? new RowScan(rows, min, max) : throw new ArgumentException($"There are no {role} rows.", role);
    }

    /// <summary>
    /// The one rule on code width: a code at least as wide as the input is allowed only where
    /// something keeps the autoencoder from learning the identity (noise, a sparsity or contractive
    /// penalty, or a variational model's KL term).
    /// </summary>
    /// <param name="latentWidth">The code's width.</param>
    /// <param name="inputWidth">Values per row.</param>
    /// <param name="variational">Whether the model is variational.</param>
    /// <param name="noise">The input noise.</param>
    /// <param name="sparsity">The sparsity penalty.</param>
    /// <param name="contractiveWeight">The contractive penalty's weight.</param>
    /// <param name="parameterName">The option the caller's users set, named in the error.</param>
    internal static void RequireNarrowCodeUnlessRegularized(int latentWidth, int inputWidth, bool variational, NoiseKind noise, SparsityPenalty sparsity,
        float contractiveWeight, string parameterName)
    {
        var regularized = noise != NoiseKind.None || sparsity != SparsityPenalty.None || contractiveWeight > 0f || variational;
        if (latentWidth >= inputWidth && !regularized)
        {
            throw new ArgumentOutOfRangeException(parameterName, latentWidth,
                $"The code ({latentWidth}) must be narrower than the input ({inputWidth}) for a plain autoencoder, which would otherwise learn the identity; " +
                "over-complete codes need noise, a sparsity or contractive penalty, or a variational model.");
        }
    }

    private void CheckOptions(AutoencoderArchitecture architecture, RowScan data)
    {
        var o = Options;
        Require(o.Epochs is null or >= 1, nameof(o.Epochs), o.Epochs, "must be at least 1 (or null: chosen from the rows)");
        Require(o.BatchSize >= 1, nameof(o.BatchSize), o.BatchSize, "must be at least 1");
        Require(float.IsFinite(o.LearningRate) && o.LearningRate > 0f, nameof(o.LearningRate), o.LearningRate, "must be a positive number");
        Require(float.IsFinite(o.WeightDecay) && o.WeightDecay >= 0f, nameof(o.WeightDecay), o.WeightDecay, "must be zero or positive");
        Require(Enum.IsDefined(o.Loss), nameof(o.Loss), o.Loss, "is not a known loss");
        Require(Enum.IsDefined(o.Noise), nameof(o.Noise), o.Noise, "is not a known noise kind");
        Require(o.Noise is NoiseKind.None or NoiseKind.Rotation || (o.Noise == NoiseKind.Gaussian ? float.IsFinite(o.NoiseLevel) && o.NoiseLevel > 0f : o.NoiseLevel > 0f && o.NoiseLevel < 1f),
            nameof(o.NoiseLevel), o.NoiseLevel, "must be positive for Gaussian noise and in (0, 1) for salt and masking");
        if (o.ImageShape is { } image)
        {
            Require(image.Holds(architecture.InputWidth), nameof(o.ImageShape), image,
                $"must hold as many values as a row ({architecture.InputWidth})");
        }

        Require(o.Noise != NoiseKind.Rotation || o.ImageShape is { } square && square.Height == square.Width, nameof(o.ImageShape), o.ImageShape?.ToString() ?? "null",
            "must give the rows' square image layout for rotation noise");
        Require(float.IsFinite(o.Beta) && o.Beta >= 0f, nameof(o.Beta), o.Beta, "must be zero or positive");
        Require(Enum.IsDefined(o.Sparsity), nameof(o.Sparsity), o.Sparsity, "is not a known sparsity penalty");
        Require(float.IsFinite(o.SparsityWeight) && o.SparsityWeight >= 0f, nameof(o.SparsityWeight), o.SparsityWeight, "must be zero or positive");
        Require(o.SparsityTarget > 0f && o.SparsityTarget < 1f, nameof(o.SparsityTarget), o.SparsityTarget, "must be in (0, 1)");
        Require(float.IsFinite(o.ContractiveWeight) && o.ContractiveWeight >= 0f, nameof(o.ContractiveWeight), o.ContractiveWeight, "must be zero or positive");
        Require(o.TrimFraction is >= 0f and < 1f, nameof(o.TrimFraction), o.TrimFraction, "must be in [0, 1)");
        Require(!architecture.IsVariational || (o.Sparsity == SparsityPenalty.None && o.ContractiveWeight == 0f), nameof(o.Sparsity), o.Sparsity,
            "and the contractive penalty apply to plain autoencoders; a variational one is regularized by its KL term");
        Require(o.Sparsity != SparsityPenalty.KullbackLeibler || architecture.Encoder.LastOrDefault() is ActivationLayer { Activation: Activation.Sigmoid },
            nameof(o.Sparsity), o.Sparsity, "needs Sigmoid code units (latentActivation: Sigmoid) so that activations lie in (0, 1)");
        RequireNarrowCodeUnlessRegularized(architecture.LatentWidth, architecture.InputWidth, architecture.IsVariational, o.Noise, o.Sparsity, o.ContractiveWeight, "latentWidth");

        Require(o.CheckpointInterval >= 1, nameof(o.CheckpointInterval), o.CheckpointInterval, "must be at least 1");
        Require(o.CheckpointPath is null || !string.IsNullOrWhiteSpace(o.CheckpointPath), nameof(o.CheckpointPath), o.CheckpointPath ?? "", "must not be empty");
        Require(o.EarlyStoppingPatience >= 0, nameof(o.EarlyStoppingPatience), o.EarlyStoppingPatience, "must be zero or positive");
        if (o.Loss == ReconstructionLoss.BinaryCrossEntropy)
        {
            Require(data.Min >= 0f && data.Max <= 1f, nameof(o.Loss), o.Loss, $"needs inputs in [0, 1], but they range over [{data.Min}, {data.Max}]");
            Require(architecture.Decoder.LastOrDefault() is ActivationLayer { Activation: Activation.Sigmoid }, nameof(o.Loss), o.Loss,
                "needs a Sigmoid output activation");
        }
    }

    /// <summary>Refuses <paramref name="value"/> of <paramref name="option"/> unless <paramref name="condition"/> holds, saying the <paramref name="rule"/>.</summary>
    internal static void Require(bool condition, string option, object? value, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(option, value, $"{option} {rule} (it is {value}).");
        }
    }
}
