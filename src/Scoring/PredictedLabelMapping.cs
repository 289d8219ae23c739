using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Autoencoders.Scoring;

/// <summary>
/// The step of a saved semi-supervised classifier that ML.NET's OnnxTransformer cannot take: ONNX
/// Runtime gives each row's predicted class name as a one-value vector, and ML.NET's
/// <c>MapValueToKey</c>, which makes it the <c>PredictedLabel</c> key, reads a scalar. Saved as
/// ML.NET's CustomMapping under <see cref="ContractName"/>, found by <c>mlContext.Model.Load</c>
/// wherever this assembly is deployed beside the program.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PredictedLabelMapping : CustomMappingFactory<PredictedLabelMapping.Vector, PredictedLabelMapping.Scalar>
{
    /// <summary>The contract name saved models refer to this mapping by.</summary>
    public const string ContractName = "Autoencoders.PredictedLabel";

    /// <summary>The column of one-value vectors of class names the ONNX graph writes.</summary>
    public const string VectorColumnName = "Autoencoder.PredictedClass";

    /// <summary>The scalar column of class names this mapping writes.</summary>
    public const string ScalarColumnName = "Autoencoder.PredictedClassName";

    /// <inheritdoc />
    public override Action<Vector, Scalar> GetMapping() => Map;

    /// <summary>Copies a row's one-value vector into the scalar column.</summary>
    public static void Map(Vector input, Scalar output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        output.PredictedClass = input.PredictedClass[0];
    }

    /// <summary>The ONNX graph's one-value output of a row.</summary>
    public sealed class Vector
    {
        /// <summary>The predicted class's name, as one value.</summary>
        [ColumnName(VectorColumnName), VectorType(1)]
        public string[] PredictedClass { get; set; } = [""];
    }

    /// <summary>The predicted class's name as a scalar.</summary>
    public sealed class Scalar
    {
        /// <summary>The predicted class's name.</summary>
        [ColumnName(ScalarColumnName)]
        public string PredictedClass { get; set; } = "";
    }
}
