using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Autoencoders.Trainers;

/// <summary>What one batch is trained to minimize, and the corruption a denoising autoencoder sees.</summary>
internal sealed class TrainingObjective(AutoencoderTrainingOptions options) : IDisposable
{
    /// <summary>For rotation noise: row k holds, for each value of a row turned by k quarter turns, the position it comes from.</summary>
    private Tensor? _rotations;

    public void Dispose() => _rotations?.Dispose();

    /// <summary>
    /// A corrupted copy of <paramref name="input"/>, drawn afresh on every call: Gaussian noise of
    /// standard deviation <see cref="AutoencoderTrainingOptions.NoiseLevel"/>, salt (that share of
    /// values set to 1), masking (that share set to 0, the rest scaled up to keep the expected
    /// input, like inverted dropout), or rotation (each image turned by a random multiple of 90
    /// degrees, a quarter of them not at all).
    /// </summary>
    public Tensor Corrupt(Tensor input, Generator generator)
    {
        var level = (double)options.NoiseLevel;
        switch (options.Noise)
        {
            case NoiseKind.Gaussian:
                return input.Plus(normal(0.0, level, input.shape, generator: generator));
            case NoiseKind.Salt:
                return where(empty_like(input).bernoulli_(level, generator).to(ScalarType.Bool), ones_like(input), input);
            case NoiseKind.Masking:
                return (input * empty_like(input).bernoulli_(1.0 - level, generator)).DividedBy(1.0 - level);
            case NoiseKind.Rotation:
                var turns = randint(0, 4, [input.shape[0]], generator: generator);
                return input.gather(1, Rotations(options.ImageShape!).index_select(0, turns));
            default:
                return input;
        }
    }

    /// <summary>The permutations of a row that turn its image by 0, 1, 2 and 3 quarter turns (as <c>rot90</c> does), made once.</summary>
    private Tensor Rotations(ImageShape shape)
    {
        if (_rotations is null)
        {
            using var scope = NewDisposeScope();
            var positions = arange(shape.Size, dtype: ScalarType.Int64).reshape(1, shape.Channels, shape.Height, shape.Width);
            _rotations = stack(Enumerable.Range(0, 4).Select(k => positions.rot90(k, (2, 3)).reshape(-1))).DetachFromDisposeScope();
        }

        return _rotations;
    }

    /// <summary>
    /// The loss of one batch. Plain: the mean reconstruction loss, plus an L1 or KL sparsity
    /// penalty on the code and the contractive penalty when asked for. Variational: the
    /// reconstruction summed over features and averaged over the batch, plus beta times the KL
    /// divergence from N(0, I) summed over code units and averaged over the batch. With
    /// <paramref name="sample"/> false (validation), a variational model decodes its mean and
    /// no penalty is added. With a <see cref="AutoencoderTrainingOptions.TrimFraction"/> (in training
    /// only), the mean over the batch leaves out the rows whose loss is largest.
    /// </summary>
    public Tensor Loss(AutoencoderNetwork network, Tensor input, Tensor target, bool sample, Generator generator)
    {
        var trim = sample ? options.TrimFraction : 0f;
        if (network.Architecture.IsVariational)
        {
            var (mean, logVariance) = network.EncodeDistribution(input);
            var code = sample ? mean.Plus(logVariance.Times(0.5).exp() * randn(mean.shape, generator: generator)) : mean;
            return trim > 0f
                ? TrimmedMean(ReconstructionPerRow(options.Loss, network.Decode(code), target).Plus(KullbackLeiblerPerRow(mean, logVariance).Times(options.Beta)), trim)
                : MeanRowReconstruction(options.Loss, network.Decode(code), target).Plus(KullbackLeiblerPerRow(mean, logVariance).mean().Times(options.Beta));
        }

        if (!sample)
        {
            return Reconstruction(network.Reconstruct(input), target);
        }

        var contractive = options.ContractiveWeight > 0;
        var source = contractive ? input.detach().requires_grad_(true) : input;
        var latent = network.Encode(source);
        var loss = trim > 0f
            ? TrimmedMean(ReconstructionPerRow(options.Loss, network.Decode(latent), target).DividedBy(target.shape[1]), trim)
            : Reconstruction(network.Decode(latent), target);
        if (options.Sparsity == SparsityPenalty.L1)
        {
            loss = loss.Plus(latent.abs().sum(1).mean().Times(options.SparsityWeight));
        }
        else if (options.Sparsity == SparsityPenalty.KullbackLeibler)
        {
            var rho = (double)options.SparsityTarget;
            var rhoHat = latent.mean([0]).Clamped(1e-6, 1.0 - 1e-6);
            var divergence = rhoHat.reciprocal().Times(rho).log().Times(rho).Plus(rhoHat.SubtractedFrom(1).reciprocal().Times(1 - rho).log().Times(1 - rho));
            loss = loss.Plus(divergence.sum().Times(options.SparsityWeight));
        }

        if (contractive)
        {
            loss = loss.Plus(JacobianNormPerRow(latent, source).mean().Times(options.ContractiveWeight));
        }

        return loss;
    }

    /// <summary>
    /// Each row's squared Frobenius norm of d code / d input, one backward pass per code unit,
    /// with the graph kept so the penalty itself is differentiated in training.
    /// </summary>
    public static Tensor JacobianNormPerRow(Tensor code, Tensor input, bool createGraph = true)
    {
        var total = zeros(input.shape[0]);
        for (var unit = 0; unit < code.shape[1]; unit++)
        {
            var gradient = autograd.grad([code.select(1, unit).sum()], [input], retain_graph: true, create_graph: createGraph)[0];
            total = total.Plus(gradient.Squared().sum(1));
        }

        return total;
    }

    private Tensor Reconstruction(Tensor output, Tensor target) => options.Loss switch
    {
        ReconstructionLoss.MeanAbsoluteError => F.l1_loss(output, target),
        ReconstructionLoss.BinaryCrossEntropy => F.binary_cross_entropy(output.Clamped(1e-7, 1.0 - 1e-7), target),
        _ => F.mse_loss(output, target),
    };

    /// <summary>The mean of the <paramref name="perRow"/> losses but the largest <paramref name="trim"/> share of them (at least one row is kept).</summary>
    private static Tensor TrimmedMean(Tensor perRow, float trim)
    {
        var kept = Math.Max(1L, (long)Math.Ceiling((1.0 - trim) * perRow.shape[0]));
        return perRow.topk((int)kept, largest: false).values.mean();
    }

    /// <summary>Each row's KL divergence of the posterior N(mean, exp(logVariance)) from N(0, I), summed over code units.</summary>
    public static Tensor KullbackLeiblerPerRow(Tensor mean, Tensor logVariance) =>
        (logVariance.Plus(1) - mean.Squared() - logVariance.exp()).sum(1).Times(-0.5);

    /// <summary>
    /// The batch's mean of each row's <paramref name="loss"/> summed over its values, as
    /// <see cref="ReconstructionPerRow"/>'s mean, in one fused loss and its fused gradient.
    /// </summary>
    private static Tensor MeanRowReconstruction(ReconstructionLoss loss, Tensor output, Tensor target) => (loss switch
    {
        ReconstructionLoss.MeanAbsoluteError => F.l1_loss(output, target, nn.Reduction.Sum),
        ReconstructionLoss.BinaryCrossEntropy => F.binary_cross_entropy(output.Clamped(1e-7, 1.0 - 1e-7), target, reduction: nn.Reduction.Sum),
        _ => F.mse_loss(output, target, nn.Reduction.Sum),
    }).DividedBy(output.shape[0]);

    /// <summary>Each row's <paramref name="loss"/> summed over its values.</summary>
    public static Tensor ReconstructionPerRow(ReconstructionLoss loss, Tensor output, Tensor target) => (loss switch
    {
        ReconstructionLoss.MeanAbsoluteError => (output - target).abs(),
        ReconstructionLoss.BinaryCrossEntropy => F.binary_cross_entropy(output.Clamped(1e-7, 1.0 - 1e-7), target, reduction: nn.Reduction.None),
        _ => (output - target).Squared(),
    }).sum(1);
}
