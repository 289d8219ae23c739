using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Transforms;

/// <summary>
/// Applies what a normalizer learned, feature by feature: an affine map y = (x - offset) * scale
/// (<see cref="AffineNormalizerModelParameters"/>), or a normal CDF (<see cref="CdfNormalizerModelParameters"/>).
/// A feature that was constant during fitting maps to 0; NaN stays NaN under the affine map.
/// </summary>
public sealed class NormalizingTransformer : ITransformer, IPersistableTransformer, IOnnxExportable
{
    internal const string Kind = "normalize";

    private readonly SlotwiseMapping _mapping;
    private readonly NormalizerModelParameters _parameters;

    internal NormalizingTransformer(SlotwiseMapping mapping, NormalizerModelParameters parameters)
    {
        _mapping = mapping;
        _parameters = parameters;
    }

    /// <summary>The normalized column.</summary>
    public string OutputColumnName => _mapping.OutputColumnName;

    /// <summary>The column read.</summary>
    public string InputColumnName => _mapping.InputColumnName;

    /// <summary>What was learned for column <paramref name="index"/> (0: this transformer normalizes one column), as in ML.NET.</summary>
    public NormalizerModelParameters GetNormalizerModelParameters(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(index, 0);
        return _parameters;
    }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _mapping.OutputSchema(inputSchema);

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => _mapping.Transform(input, _parameters.Apply);

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context)
    {
        var input = context.Read(InputColumnName);
        context.Write(OutputColumnName, _parameters.ExportToOnnx(context, input, OutputColumnName));
    }

    JsonObject IPersistableTransformer.Save(ModelSaveContext context)
    {
        var json = new JsonObject { ["kind"] = Kind };
        _mapping.Save(json);
        _parameters.Save(json);
        return json;
    }

    internal static NormalizingTransformer Load(JsonObject json)
    {
        var parameters = NormalizerModelParameters.Load(json);
        return new(SlotwiseMapping.Load(json, parameters.Width), parameters);
    }

    /// <summary>The statistics a normalizer learned for one column.</summary>
    public abstract class NormalizerModelParameters
    {
        private protected NormalizerModelParameters() { }

        internal abstract int Width { get; }

        internal abstract void Apply(ReadOnlySpan<float> features, Span<float> values);

        internal abstract void Save(JsonObject json);

        /// <summary>Adds the nodes that map the value <paramref name="x"/> as <see cref="Apply"/> does; returns the mapped value.</summary>
        internal abstract string ExportToOnnx(OnnxExportContext context, string x, string hint);

        internal static NormalizerModelParameters Load(JsonObject json)
        {
            static float[] Read(JsonObject json, string name) => JsonFloats.Read(json[name]) ?? throw new FormatException($"normalizer statistic '{name}' is not an array of numbers");
            NormalizerModelParameters parameters = json["mean"] is null
                ? new AffineNormalizerModelParameters(Read(json, "scale"), Read(json, "offset"))
                : new CdfNormalizerModelParameters(Read(json, "mean"), Read(json, "deviation"), (bool)json["log"]!);
            return parameters.IsValid ? parameters : throw new FormatException("normalizer statistics are empty, of unequal length, negative or not finite");
        }

        private protected abstract bool IsValid { get; }
    }

    /// <summary>y = (x - Offset[i]) * Scale[i], feature by feature.</summary>
    public sealed class AffineNormalizerModelParameters : NormalizerModelParameters
    {
        private readonly float[] _scale;
        private readonly float[] _offset;

        internal AffineNormalizerModelParameters(float[] scale, float[] offset) => (_scale, _offset) = (scale, offset);

        /// <summary>Multiplies each shifted feature (0 for constant features).</summary>
        public IReadOnlyList<float> Scale => _scale;

        /// <summary>Subtracted from each feature first (all 0 with fixZero).</summary>
        public IReadOnlyList<float> Offset => _offset;

        internal override int Width => _scale.Length;

        private protected override bool IsValid =>
            _scale.Length > 0 && _scale.Length == _offset.Length && _scale.Concat(_offset).All(float.IsFinite);

        internal override void Apply(ReadOnlySpan<float> features, Span<float> values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var feature = i % _scale.Length;
                values[i] = (features[i] - _offset[feature]) * _scale[feature];
            }
        }

        internal override string ExportToOnnx(OnnxExportContext context, string x, string hint)
        {
            var shifted = context.Node("Sub", [x, context.Constant($"{hint}.offset", _offset, _offset.Length)], $"{hint}.shifted");
            return context.Node("Mul", [shifted, context.Constant($"{hint}.scale", _scale, _scale.Length)], hint);
        }

        internal override void Save(JsonObject json)
        {
            json["offset"] = JsonFloats.ToJson(_offset);
            json["scale"] = JsonFloats.ToJson(_scale);
        }
    }

    /// <summary>
    /// y = Φ((x - Mean[i]) / StandardDeviation[i]), the standard normal CDF, with log(x) for x when
    /// <see cref="UseLog"/>; a value whose logarithm is not finite (x ≤ 0, NaN), or a feature of zero
    /// deviation, maps to 0.
    /// </summary>
    public sealed class CdfNormalizerModelParameters : NormalizerModelParameters
    {
        private readonly float[] _mean;
        private readonly float[] _deviation;

        internal CdfNormalizerModelParameters(float[] mean, float[] standardDeviation, bool useLog) =>
            (_mean, _deviation, UseLog) = (mean, standardDeviation, useLog);

        /// <summary>The mean of each feature (of its logarithm, with <see cref="UseLog"/>).</summary>
        public IReadOnlyList<float> Mean => _mean;

        /// <summary>The population standard deviation of each feature (of its logarithm, with <see cref="UseLog"/>).</summary>
        public IReadOnlyList<float> StandardDeviation => _deviation;

        /// <summary>Whether the statistics and the map are on log(x).</summary>
        public bool UseLog { get; }

        internal override int Width => _mean.Length;

        private protected override bool IsValid =>
            _mean.Length > 0 && _mean.Length == _deviation.Length && _mean.Concat(_deviation).All(float.IsFinite) && _deviation.All(d => d >= 0);

        internal override void Apply(ReadOnlySpan<float> features, Span<float> values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var feature = i % _mean.Length;
                var value = UseLog ? MathF.Log(features[i]) : features[i];
                values[i] = _deviation[feature] > float.Epsilon && float.IsFinite(value)
                    ? (float)NormalDistribution.Cdf((value - _mean[feature]) / (double)_deviation[feature])
                    : 0f;
            }
        }

        internal override string ExportToOnnx(OnnxExportContext context, string x, string hint)
        {
            var value = UseLog ? context.Node("Log", [x], $"{hint}.log") : x;
            var deviation = Array.ConvertAll(_deviation, d => d > float.Epsilon ? d : 1f);
            var varies = Array.ConvertAll(_deviation, d => d > float.Epsilon ? 1f : 0f);
            var z = context.Node("Div", [context.Node("Sub", [value, context.Constant($"{hint}.mean", _mean, _mean.Length)], $"{hint}.centered"),
                context.Constant($"{hint}.deviation", deviation, deviation.Length)], $"{hint}.z");
            var erf = context.Node("Erf", [context.Node("Mul", [z, context.Constant($"{hint}.inverse_sqrt2", [1f / MathF.Sqrt(2f)], 1)], $"{hint}.scaled")], $"{hint}.erf");
            var cdf = context.Node("Mul", [context.Node("Add", [erf, context.Constant($"{hint}.one", [1f], 1)], $"{hint}.shifted"),
                context.Constant($"{hint}.half", [0.5f], 1)], $"{hint}.cdf");
            var notFinite = context.Node("Or", [context.Node("IsNaN", [value], $"{hint}.nan"), context.Node("IsInf", [value], $"{hint}.inf")], $"{hint}.not_finite");
            var finiteOnly = context.Node("Where", [notFinite, context.Constant($"{hint}.zero", [0f], 1), cdf], $"{hint}.finite");
            return context.Node("Mul", [finiteOnly, context.Constant($"{hint}.varies", varies, varies.Length)], hint);
        }

        internal override void Save(JsonObject json)
        {
            json["mean"] = JsonFloats.ToJson(_mean);
            json["deviation"] = JsonFloats.ToJson(_deviation);
            json["log"] = UseLog;
        }
    }
}
