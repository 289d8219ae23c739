using static Autoencoders.Onnx.OnnxAttributes;

namespace Autoencoders.Onnx;

/// <summary>
/// An autoencoder's layers as ONNX nodes, in evaluation mode (dropout does nothing, batch norm
/// uses its running statistics), with the trained weights as constants: what the native engine
/// computes for encode and reconstruct. A variational model's code is its posterior mean.
/// </summary>
internal static class AutoencoderOnnxGraph
{
    /// <summary>libtorch's batch-norm epsilon, which the native layers use.</summary>
    private const float BatchNormEpsilon = 1e-5f;

    /// <summary>The code of the rows in <paramref name="input"/> (rows x input width): a value of rows x latent width.</summary>
    public static string Encode(OnnxExportContext context, AutoencoderModel model, string input)
    {
        var architecture = model.Architecture;
        var encoded = Stack(context, model, "encoder", architecture.Encoder, [architecture.InputWidth], input);
        return architecture.IsVariational
            ? context.Node("Slice", [encoded, context.Constant("mean_start", [0L], 1), context.Constant("mean_end", [(long)architecture.LatentWidth], 1),
                context.Constant("mean_axis", [1L], 1)], "code")
            : encoded;
    }

    /// <summary>The decoding of <paramref name="code"/> (rows x latent width): a value of rows x input width.</summary>
    public static string Decode(OnnxExportContext context, AutoencoderModel model, string code) =>
        Stack(context, model, "decoder", model.Architecture.Decoder, [model.Architecture.LatentWidth], code);

    private static string Stack(OnnxExportContext context, AutoencoderModel model, string stack, IReadOnlyList<AutoencoderLayer> layers, int[] shape, string value)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            var prefix = $"{stack}.{i}";
            value = Layer(context, model, layers[i], shape, value, prefix);
            shape = layers[i].OutputShapeFor(shape);
        }

        return value;
    }

    private static string Layer(OnnxExportContext context, AutoencoderModel model, AutoencoderLayer layer, int[] shape, string x, string prefix)
    {
        string Weight(string name, params long[] dimensions) => context.Constant($"{prefix}.{name}", model.ReadTensor($"parameter.{prefix}.{name}"), dimensions);
        string Buffer(string name, params long[] dimensions) => context.Constant($"{prefix}.{name}", model.ReadTensor($"buffer.{prefix}.{name}"), dimensions);

        return layer switch
        {
            LinearLayer linear => context.Node("Gemm", [x, Weight("weight", linear.OutputWidth, linear.InputWidth), Weight("bias", linear.OutputWidth)],
                prefix, Int("transB", 1)),
            Conv2dLayer conv => context.Node("Conv", [x, Weight("weight", conv.OutChannels, conv.InChannels, conv.Kernel, conv.Kernel), Weight("bias", conv.OutChannels)],
                prefix, Ints("kernel_shape", conv.Kernel, conv.Kernel), Ints("strides", conv.Stride, conv.Stride),
                Ints("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding)),
            ConvTranspose2dLayer conv => context.Node("ConvTranspose",
                [x, Weight("weight", conv.InChannels, conv.OutChannels, conv.Kernel, conv.Kernel), Weight("bias", conv.OutChannels)],
                prefix, Ints("kernel_shape", conv.Kernel, conv.Kernel), Ints("strides", conv.Stride, conv.Stride),
                Ints("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding), Ints("output_padding", conv.OutputPadding, conv.OutputPadding)),
            MaxPool2dLayer pool => context.Node("MaxPool", [x], prefix, Ints("kernel_shape", pool.Kernel, pool.Kernel), Ints("strides", pool.Stride, pool.Stride)),
            FlattenLayer => context.Node("Flatten", [x], prefix, Int("axis", 1)),
            UnflattenLayer image => context.Node("Reshape", [x, context.Constant($"{prefix}.shape", [-1L, image.Channels, image.Height, image.Width], 4)], prefix),
            Resize2dLayer resize => Resize(context, resize, shape, x, prefix),
            BatchNormLayer norm => context.Node("BatchNormalization",
                [x, Weight("weight", norm.Features), Weight("bias", norm.Features), Buffer("running_mean", norm.Features), Buffer("running_var", norm.Features)],
                prefix, Float("epsilon", BatchNormEpsilon)),
            DropoutLayer => x,
            ActivationLayer activation => activation.Activation switch
            {
                Activation.Identity => x,
                Activation.ReLU => context.Node("Relu", [x], prefix),
                Activation.LeakyReLU => context.Node("LeakyRelu", [x], prefix, Float("alpha", activation.NegativeSlope)),
                Activation.ELU => context.Node("Elu", [x], prefix, Float("alpha", 1f)),
                Activation.SELU => context.Node("Selu", [x], prefix),
                Activation.Tanh => context.Node("Tanh", [x], prefix),
                Activation.Sigmoid => context.Node("Sigmoid", [x], prefix),
                _ => throw new NotSupportedException($"The activation {activation.Activation} has no ONNX export."),
            },
            _ => throw new NotSupportedException($"The layer {layer.GetType().Name} has no ONNX export."),
        };
    }

    /// <summary>Crops (from the top left) or zero-pads (at the bottom right) images to the layer's size, as the native layer does.</summary>
    private static string Resize(OnnxExportContext context, Resize2dLayer resize, int[] shape, string x, string prefix)
    {
        var (height, width) = (shape[1], shape[2]);
        if (height > resize.Height || width > resize.Width)
        {
            x = context.Node("Slice", [x, context.Constant($"{prefix}.starts", [0L, 0L], 2),
                context.Constant($"{prefix}.ends", [(long)Math.Min(height, resize.Height), Math.Min(width, resize.Width)], 2),
                context.Constant($"{prefix}.axes", [2L, 3L], 2)], $"{prefix}.crop");
        }

        if (height < resize.Height || width < resize.Width)
        {
            x = context.Node("Pad", [x, context.Constant($"{prefix}.pads", [0L, 0L, 0L, 0L, 0L, 0L, Math.Max(0, resize.Height - height), Math.Max(0, resize.Width - width)], 8)],
                $"{prefix}.pad");
        }

        return x;
    }
}
