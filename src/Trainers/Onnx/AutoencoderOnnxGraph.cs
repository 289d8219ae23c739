using System.Globalization;
using static Autoencoders.Trainers.Onnx.OnnxAttributes;

namespace Autoencoders.Trainers.Onnx;

/// <summary>
/// ONNX graphs of a trained autoencoder's network: the encoder (the posterior mean for a variational
/// model), the decoder and the anomaly score, each layer as its ONNX operator with the
/// network's weights as constants; dropout is left out, as at inference.
/// </summary>
public static class AutoencoderOnnxGraph
{
    private const float BatchNormEpsilon = 1e-5f;

    /// <summary>The <c>metadata_props</c> key of the network's architecture (JSON): with the graph's weights, what rebuilds the TorchSharp model.</summary>
    public const string ArchitectureMetadataKey = "autoencoders.architecture";

    /// <summary>The <c>metadata_props</c> key of the model's seed.</summary>
    public const string SeedMetadataKey = "autoencoders.seed";

    /// <summary>The <c>metadata_props</c> key of the version of the way the graph carries the model; a graph without it is of version 1.</summary>
    public const string FormatMetadataKey = "autoencoders.format";

    /// <summary>The <c>metadata_props</c> key of the training history (JSON), recorded when the export is given one.</summary>
    public const string HistoryMetadataKey = "autoencoders.history";

    /// <summary>The name of a detector graph's threshold constant.</summary>
    private const string ThresholdName = "threshold";

    private const string ClassifierWeightName = "classifier.weight";

    private const string ClassifierBiasName = "classifier.bias";

    /// <summary>The version of the way a graph carries its model that this library writes and reads.</summary>
    public const int Format = 1;

    /// <summary>
    /// An ONNX model reading a row of <see cref="AutoencoderModel.InputWidth"/> floats from the input
    /// <paramref name="inputName"/> and writing the <paramref name="outputs"/> asked for; it also
    /// carries what rebuilds the model (<see cref="ReadModel"/>); its weights are guarded against damage
    /// (<see cref="OnnxWeightGuard"/>).
    /// </summary>
    /// <exception cref="ArgumentException">No output is named, or two values have one name.</exception>
    public static byte[] Export(AutoencoderModel model, string inputName, AutoencoderGraphOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(outputs);
        using var use = model.BeginUse();
        if (!outputs.Names.Any())
        {
            throw new ArgumentException("Name at least one output.", nameof(outputs));
        }

        using var scope = TorchSharp.torch.NewDisposeScope();
        var weights = Weights(model);
        var graph = new OnnxGraphBuilder();
        graph.Reserve(outputs.Names.Append(inputName));
        var input = graph.Input(inputName, model.InputWidth);
        var code = Encode(graph, model, weights, input);
        if (outputs.Code is { } codeName)
        {
            graph.Output(codeName, code, model.LatentWidth);
        }

        if (outputs.Reconstruction is not null || outputs.Score is not null || outputs.Contributions is not null || outputs.Anomaly is not null)
        {
            var reconstruction = Stack(graph, weights, "decoder", model.Architecture.Decoder, [model.LatentWidth], code);
            if (outputs.Reconstruction is { } reconstructionName)
            {
                graph.Output(reconstructionName, reconstruction, model.InputWidth);
            }

            var difference = graph.Node("Sub", [input, reconstruction], "difference");
            if (outputs.Scorer.Smoothing is { } smoothing)
            {
                difference = Smooth(graph, smoothing, difference);
            }

            var (score, contributions) = AnomalyScore(graph, outputs.Scorer, code, graph.Node("Mul", [difference, difference], "squared_errors"));
            if (outputs.Score is { } scoreName)
            {
                graph.Output(scoreName, score, 1);
            }

            if (outputs.Contributions is { } contributionsName)
            {
                graph.Output(contributionsName, contributions, model.InputWidth);
            }

            if (outputs.Anomaly is { } anomalyName)
            {
                // Not (score <= threshold) rather than score > threshold: a score that is not a number (from a NaN feature) is no evidence of normality.
                var normal = graph.Node("LessOrEqual", [score, graph.Constant(ThresholdName, [outputs.Threshold], 1)], "normal");
                var decision = graph.Node("Not", [normal], "anomaly");
                graph.Output(anomalyName, decision, 1, Protobuf.TensorProto.Types.DataType.Bool);
            }
        }

        if (outputs.History.Count > 0)
        {
            graph.Metadata(HistoryMetadataKey, EpochProgress.ToJson(outputs.History).ToJsonString());
        }

        return Finish(graph, model, weights);
    }

    /// <summary>
    /// An ONNX model of <paramref name="model"/>'s classifier reading rows of
    /// <see cref="AutoencoderModel.InputWidth"/> floats from <paramref name="inputName"/>: it writes
    /// each class's probability to <paramref name="probabilitiesName"/> and the name of the most probable
    /// class (from <paramref name="classNames"/>, one per class) to <paramref name="predictedName"/>, a string;
    /// it carries what rebuilds the autoencoder, as <see cref="Export"/>'s graphs do.
    /// </summary>
    /// <exception cref="ArgumentException">There is not one name per class, or two values have one name.</exception>
    public static byte[] ExportClassifier(SemiSupervisedModel model, string inputName, string probabilitiesName, string predictedName, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count != model.ClassCount)
        {
            throw new ArgumentException($"There are {classNames.Count} class names for {model.ClassCount} classes.", nameof(classNames));
        }

        var autoencoder = model.Autoencoder;
        using var use = autoencoder.BeginUse();
        using var scope = TorchSharp.torch.NewDisposeScope();
        var weights = Weights(autoencoder);
        var graph = new OnnxGraphBuilder();
        graph.Reserve([inputName, probabilitiesName, predictedName]);
        var code = Encode(graph, autoencoder, weights, graph.Input(inputName, autoencoder.InputWidth));
        var classifier = model.Classifier;
        var logits = graph.Node("Gemm", [code, graph.Constant(ClassifierWeightName, TensorRows.ToArray(classifier.Weight), model.ClassCount, autoencoder.LatentWidth),
            graph.Constant(ClassifierBiasName, TensorRows.ToArray(classifier.Bias), model.ClassCount)], "logits", Int("transB", 1));
        var probabilities = graph.Node("Softmax", [logits], "probabilities", Int("axis", 1));
        graph.Output(probabilitiesName, probabilities, model.ClassCount);
        var predicted = graph.Node("ArgMax", [probabilities], "predicted_class", Int("axis", 1), Int("keepdims", 1));
        graph.Output(predictedName, graph.Node("Gather", [graph.Constant("class_names", classNames, model.ClassCount), predicted], "predicted_name", Int("axis", 0)), 1,
            Protobuf.TensorProto.Types.DataType.String);
        return Finish(graph, autoencoder, weights);
    }

    /// <summary>
    /// What a detector's graph decides with: its threshold, and the training history it records
    /// (empty when none was given); null for a graph that decides nothing (an embedding's).
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model, or the record is damaged.</exception>
    public static (float Threshold, IReadOnlyList<EpochProgress> History)? ReadDecision(byte[] onnxModel)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        var (metadata, initializers) = OnnxGraphBuilder.Read(onnxModel);
        if (!initializers.TryGetValue(ThresholdName, out var threshold))
        {
            return null;
        }

        try
        {
            var value = BitConverter.ToSingle(threshold.RawData.Span);
            var history = metadata.TryGetValue(HistoryMetadataKey, out var json) ? EpochProgress.FromJson(System.Text.Json.Nodes.JsonNode.Parse(json)!) : [];
            return (value, history);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException or NullReferenceException or FormatException)
        {
            throw new InvalidDataException($"The detector graph's threshold or training history cannot be read ({e.Message}).", e);
        }
    }

    /// <summary>
    /// An ONNX model reading a code of <see cref="AutoencoderModel.LatentWidth"/> floats from the input
    /// <paramref name="codeName"/> and writing the decoded row to <paramref name="outputName"/>; it
    /// carries what rebuilds the model, as <see cref="Export"/>'s graphs do.
    /// </summary>
    public static byte[] ExportDecoder(AutoencoderModel model, string codeName, string outputName)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var use = model.BeginUse();
        using var scope = TorchSharp.torch.NewDisposeScope();
        var weights = Weights(model);
        var graph = new OnnxGraphBuilder();
        graph.Reserve([codeName, outputName]);
        var code = graph.Input(codeName, model.LatentWidth);
        graph.Output(outputName, Stack(graph, weights, "decoder", model.Architecture.Decoder, [model.LatentWidth], code), model.InputWidth);
        return Finish(graph, model, weights);
    }

    /// <summary>Every state tensor of <paramref name="model"/> as floats, by name (call inside a dispose scope: the conversions are temporaries).</summary>
    private static Dictionary<string, float[]> Weights(AutoencoderModel model) =>
        model.State.ToDictionary(entry => entry.Name, entry => TensorRows.ToArray(entry.Tensor.to_type(TorchSharp.torch.ScalarType.Float32)));

    /// <summary>Adds the weights no output reads (the decoder of an embedding, the encoder of a decoder), so that <see cref="ReadModel"/> rebuilds the whole model, and the metadata; serializes.</summary>
    private static byte[] Finish(OnnxGraphBuilder graph, AutoencoderModel model, Dictionary<string, float[]> weights)
    {
        foreach (var (name, tensor) in model.State.Where(entry => entry.Tensor.dtype == TorchSharp.torch.ScalarType.Float32 && !graph.Contains(entry.Name)))
        {
            graph.Constant(name, weights[name], tensor.shape);
        }

        graph.Metadata(FormatMetadataKey, Format.ToString(CultureInfo.InvariantCulture));
        graph.Metadata(ArchitectureMetadataKey, model.Architecture.ToJson());
        graph.Metadata(SeedMetadataKey, model.Seed.ToString(CultureInfo.InvariantCulture));
        return graph.ToBytes();
    }

    /// <summary>Rows of images smoothed as <see cref="ErrorSmoothing"/> smooths them: one depthwise convolution with its kernel over zeros beyond the edges.</summary>
    private static string Smooth(OnnxGraphBuilder graph, ErrorSmoothing smoothing, string rows)
    {
        var (shape, size) = (smoothing.Shape, smoothing.Taps1D.Count);
        var kernel = Enumerable.Repeat(smoothing.Kernel2D(), shape.Channels).SelectMany(channel => channel).ToArray();
        var images = graph.Node("Reshape", [rows, graph.Constant("smoothing.image_shape", [-1L, shape.Channels, shape.Height, shape.Width], 4)], "difference_images");
        var smoothed = graph.Node("Conv", [images, graph.Constant("smoothing.kernel", kernel, shape.Channels, 1, size, size)], "smoothed_difference_images",
            Ints("kernel_shape", size, size), Ints("pads", size / 2, size / 2, size / 2, size / 2), Int("group", shape.Channels));
        return graph.Node("Reshape", [smoothed, graph.Constant("smoothing.row_shape", [-1L, shape.Size], 2)], "smoothed_difference");
    }

    /// <summary>The score and contributions of <paramref name="scorer"/> from the code and the squared errors (rows x input width), as <see cref="AnomalyScorer.Score"/> computes them.</summary>
    private static (string Score, string Contributions) AnomalyScore(OnnxGraphBuilder graph, AnomalyScorer scorer, string code, string squaredErrors)
    {
        if (scorer.Likelihood is not { } likelihood)
        {
            return (graph.Node("ReduceMean", [squaredErrors], "score", Ints("axes", 1), Int("keepdims", 1)), squaredErrors);
        }

        int width = likelihood.ResidualVariance.Count, latent = likelihood.CodeMean.Count;
        var weighted = graph.Node("Mul", [squaredErrors, graph.Constant("inverse_residual_variance", likelihood.InverseResidualVariance, 1, width)], "weighted_errors");
        var errorTerm = graph.Node("ReduceSum", [weighted], "error_term", Ints("axes", 1), Int("keepdims", 1));
        var centered = graph.Node("Sub", [code, graph.Constant("code_mean", likelihood.CodeMean.ToArray(), 1, latent)], "centered_code");
        var projected = graph.Node("MatMul", [centered, graph.Constant("code_precision", likelihood.CodePrecision.ToArray(), latent, latent)], "projected_code");
        var products = graph.Node("Mul", [centered, projected], "code_products");
        var codeTerm = graph.Node("ReduceSum", [products], "code_term", Ints("axes", 1), Int("keepdims", 1));
        return (graph.Node("Add", [errorTerm, codeTerm], "score"), weighted);
    }

    /// <summary>Whether <paramref name="onnxModel"/> is a graph this library exported.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model.</exception>
    public static bool CarriesModel(byte[] onnxModel)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        return OnnxGraphBuilder.Read(onnxModel).Metadata.ContainsKey(ArchitectureMetadataKey);
    }

    /// <summary>
    /// The TorchSharp model an exported graph holds: its architecture and seed from the metadata, every
    /// float tensor of its state from the graph's weights (checked against their copies). Integer
    /// state, such as batch normalization's count of batches seen, which inference never reads, starts at 0.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not such a graph, or it is damaged.</exception>
    public static AutoencoderModel ReadModel(byte[] onnxModel)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        var (metadata, initializers) = OnnxGraphBuilder.Read(onnxModel);
        if (!metadata.TryGetValue(ArchitectureMetadataKey, out var json) || !metadata.TryGetValue(SeedMetadataKey, out var seedText)
            || !long.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
        {
            throw new InvalidDataException($"The ONNX model carries no autoencoder ('{ArchitectureMetadataKey}' and '{SeedMetadataKey}' metadata); it was not written by this library.");
        }

        var format = metadata.GetValueOrDefault(FormatMetadataKey, "1");
        if (format != Format.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidDataException(
                $"The ONNX model carries an autoencoder in format version '{format}'; this version of the library reads version {Format}. Load it with the version of the library that saved it, or a later one.");
        }

        AutoencoderArchitecture architecture;
        try
        {
            architecture = AutoencoderArchitecture.FromJson(json);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException or NullReferenceException)
        {
            throw new InvalidDataException($"The ONNX model's architecture cannot be read ({e.Message}).", e);
        }

        // Weights are stored as initializers (each twice, with its guard copy): an architecture needing more is refused before anything is allocated for it.
        var stored = initializers.Values.Sum(tensor => (double)tensor.RawData.Length / sizeof(float) + tensor.FloatData.Count);
        if (architecture.StateValues > stored)
        {
            throw new InvalidDataException($"The ONNX model's architecture needs {architecture.StateValues:F0} weights but the graph holds {stored:F0}: it is damaged.");
        }

        var model = AutoencoderModel.Create(architecture, seed);
        try
        {
            using var noGrad = TorchSharp.torch.no_grad();
            foreach (var (name, tensor) in model.State.Where(entry => entry.Tensor.dtype == TorchSharp.torch.ScalarType.Float32))
            {
                var values = OnnxWeightGuard.Read(initializers, name);
                if (values.Length != tensor.numel())
                {
                    throw new InvalidDataException($"the graph's weights '{name}' hold {values.Length} values; the architecture needs {tensor.numel()}");
                }

                using var row = TensorRows.From(values, values.Length);
                using var shaped = row.reshape(tensor.shape);
                tensor.copy_(shaped);
            }

            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static string Encode(OnnxGraphBuilder graph, AutoencoderModel model, Dictionary<string, float[]> weights, string input)
    {
        var architecture = model.Architecture;
        var encoded = Stack(graph, weights, "encoder", architecture.Encoder, [architecture.InputWidth], input);
        return architecture.IsVariational
            ? graph.Node("Slice", [encoded, graph.Constant("mean_start", [0L], 1), graph.Constant("mean_end", [(long)architecture.LatentWidth], 1),
                graph.Constant("mean_axis", [1L], 1)], "code")
            : encoded;
    }

    private static string Stack(OnnxGraphBuilder graph, Dictionary<string, float[]> weights, string stack, IReadOnlyList<AutoencoderLayer> layers, int[] shape, string value)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            value = Layer(graph, weights, layers[i], shape, value, $"{stack}.{i}");
            shape = layers[i].OutputShapeFor(shape);
        }

        return value;
    }

    private static string Layer(OnnxGraphBuilder graph, Dictionary<string, float[]> weights, AutoencoderLayer layer, int[] shape, string x, string prefix)
    {
        string Weight(string name, params long[] dimensions) => graph.Constant($"{prefix}.{name}", weights[$"{prefix}.{name}"], dimensions);

        return layer switch
        {
            LinearLayer linear => graph.Node("Gemm", [x, Weight("weight", linear.OutputWidth, linear.InputWidth), Weight("bias", linear.OutputWidth)],
                prefix, Int("transB", 1)),
            Conv2dLayer conv => graph.Node("Conv", [x, Weight("weight", conv.OutChannels, conv.InChannels, conv.Kernel, conv.Kernel), Weight("bias", conv.OutChannels)],
                prefix, Ints("kernel_shape", conv.Kernel, conv.Kernel), Ints("strides", conv.Stride, conv.Stride),
                Ints("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding)),
            ConvTranspose2dLayer conv => graph.Node("ConvTranspose",
                [x, Weight("weight", conv.InChannels, conv.OutChannels, conv.Kernel, conv.Kernel), Weight("bias", conv.OutChannels)],
                prefix, Ints("kernel_shape", conv.Kernel, conv.Kernel), Ints("strides", conv.Stride, conv.Stride),
                Ints("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding), Ints("output_padding", conv.OutputPadding, conv.OutputPadding)),
            MaxPool2dLayer pool => graph.Node("MaxPool", [x], prefix, Ints("kernel_shape", pool.Kernel, pool.Kernel), Ints("strides", pool.Stride, pool.Stride)),
            FlattenLayer => graph.Node("Flatten", [x], prefix, Int("axis", 1)),
            UnflattenLayer image => graph.Node("Reshape", [x, graph.Constant($"{prefix}.shape", [-1L, image.Channels, image.Height, image.Width], 4)], prefix),
            Resize2dLayer resize => Resize(graph, resize, shape, x, prefix),
            BatchNormLayer norm => graph.Node("BatchNormalization",
                [x, Weight("weight", norm.Features), Weight("bias", norm.Features), Weight("running_mean", norm.Features), Weight("running_var", norm.Features)],
                prefix, Float("epsilon", BatchNormEpsilon)),
            DropoutLayer => x,
            ActivationLayer activation => activation.Activation switch
            {
                Activation.Identity => x,
                Activation.ReLU => graph.Node("Relu", [x], prefix),
                Activation.LeakyReLU => graph.Node("LeakyRelu", [x], prefix, Float("alpha", activation.NegativeSlope)),
                Activation.ELU => graph.Node("Elu", [x], prefix, Float("alpha", 1f)),
                Activation.SELU => graph.Node("Selu", [x], prefix),
                Activation.Tanh => graph.Node("Tanh", [x], prefix),
                Activation.Sigmoid => graph.Node("Sigmoid", [x], prefix),
                _ => throw new NotSupportedException($"The activation {activation.Activation} has no ONNX export."),
            },
            _ => throw new NotSupportedException($"The layer {layer.GetType().Name} has no ONNX export."),
        };
    }

    private static string Resize(OnnxGraphBuilder graph, Resize2dLayer resize, int[] shape, string x, string prefix)
    {
        var (height, width) = (shape[1], shape[2]);
        if (height > resize.Height || width > resize.Width)
        {
            x = graph.Node("Slice", [x, graph.Constant($"{prefix}.starts", [0L, 0L], 2),
                graph.Constant($"{prefix}.ends", [(long)Math.Min(height, resize.Height), Math.Min(width, resize.Width)], 2),
                graph.Constant($"{prefix}.axes", [2L, 3L], 2)], $"{prefix}.crop");
        }

        if (height < resize.Height || width < resize.Width)
        {
            x = graph.Node("Pad", [x, graph.Constant($"{prefix}.pads", [0L, 0L, 0L, 0L, 0L, 0L, Math.Max(0, resize.Height - height), Math.Max(0, resize.Width - width)], 8)],
                $"{prefix}.pad");
        }

        return x;
    }
}
