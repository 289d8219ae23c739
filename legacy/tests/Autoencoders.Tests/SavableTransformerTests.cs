using Autoencoders.Data;

namespace Autoencoders.Tests;

/// <summary>A user's own transformer, written against the public API only, saved in a model file and loaded back.</summary>
public class SavableTransformerTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void AUsersTransformerSavesInAChainAndLoadsWhereItsAssemblyIsRegistered()
    {
        var data = TestData.Tabular(_ml, 40);
        var model = new TransformerChain<ITransformer>(new IncomeScaler(2.5f), _ml.Transforms.NormalizeMinMax("ScaledIncome").Fit(new IncomeScaler(2.5f).Transform(data)));
        using var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);

        var fresh = new MLContext();
        stream.Position = 0;
        Assert.Contains($"holds the transformer '{IncomeScaler.ContractName}', which no registered class makes",
            Assert.Throws<InvalidOperationException>(() => fresh.Model.Load(stream, out _)).Message);

        fresh.ComponentCatalog.RegisterAssembly(typeof(IncomeScaler).Assembly);
        stream.Position = 0;
        var loaded = Assert.IsType<TransformerChain<ITransformer>>(fresh.Model.Load(stream, out _));
        Assert.Equal(2.5f, Assert.IsType<IncomeScaler>(loaded.First()).Factor);
        Assert.Equal(model.Transform(data).GetColumn<float>("ScaledIncome"), loaded.Transform(data).GetColumn<float>("ScaledIncome"));
    }

    [Fact]
    public void StateItsClassCannotReadIsACorruptModelNamingTheContract()
    {
        var data = TestData.Tabular(_ml, 5);
        using var stream = new MemoryStream();
        _ml.Model.Save(new IncomeScaler(float.NaN), data.Schema, stream);
        _ml.ComponentCatalog.RegisterAssembly(typeof(IncomeScaler).Assembly);

        stream.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.Load(stream, out _));
        Assert.Contains("is not a valid model file: the state of the transformer 'income-scaler' cannot be read by IncomeScaler.Load (the factor NaN", error.Message);
    }

    [Fact]
    public void ATransformerThatIsNotSavableIsRefusedWithWhatToImplement()
    {
        var data = TestData.Tabular(_ml, 5);
        var error = Assert.Throws<NotSupportedException>(() => _ml.Model.Save(new Unsavable(), data.Schema, new MemoryStream()));
        Assert.Contains("implement ISavableTransformer<Unsavable>", error.Message);
    }

    /// <summary>Multiplies Income by a factor into ScaledIncome, through the library's own custom mapping.</summary>
    private sealed class IncomeScaler(float factor) : ISavableTransformer<IncomeScaler>
    {
        public static string ContractName => "income-scaler";

        public float Factor { get; } = factor;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Mapping().GetOutputSchema(inputSchema);

        public IDataView Transform(IDataView input) => Mapping().Transform(input);

        public void Save(Stream stream)
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Factor);
        }

        public static IncomeScaler Load(Stream stream)
        {
            using var reader = new BinaryReader(stream);
            var factor = reader.ReadSingle();
            return float.IsFinite(factor) ? new IncomeScaler(factor) : throw new InvalidDataException($"the factor {factor} is not a number");
        }

        private ITransformer Mapping()
        {
            var factor = Factor;
            return new MLContext().Transforms.CustomMapping<IncomeRow, ScaledRow>((row, scaled) => scaled.ScaledIncome = row.Income * factor)
                .Fit(new MLContext().Data.LoadFromEnumerable(Array.Empty<IncomeRow>()));
        }
    }

    private sealed class Unsavable : ITransformer
    {
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

        public IDataView Transform(IDataView input) => input;
    }

    private sealed class IncomeRow
    {
        public float Income { get; set; }
    }

    private sealed class ScaledRow
    {
        public float ScaledIncome { get; set; }
    }
}
