using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Trainers;
using Npgsql;

namespace Autoencoders.Tests;

/// <summary>The database loader against a real PostgreSQL that the tests start on loopback.</summary>
public sealed class DatabaseLoaderTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private const int Rows = 3000;
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _csv = Path.Combine(Path.GetTempPath(), $"readings-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_csv);

    private sealed class Reading
    {
        [LoadColumn(1, 3)]
        public float[] Features { get; set; } = [];

        [ColumnName("label")]
        public bool Label { get; set; }

        public string Site { get; set; } = "";
    }

    /// <summary>The table "readings" (id, a real, b double precision, c numeric, label, site) and the same rows in a CSV.</summary>
    private string CreateReadings(string table, bool withNull = false)
    {
        var values = Enumerable.Range(0, Rows).Select(i =>
        {
            var anomaly = i % 40 == 0;
            var t = (i % 17) * 0.25f;
            var (a, b, c) = (t, anomaly ? 0.5f * t + 3f : 0.5f * t, 0.25f * t);
            return (i, a, b, c, anomaly);
        }).ToList();
        File.WriteAllLines(_csv, values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.a},{v.b},{v.c},{v.anomaly}")));
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE {table} (id int, a real, b double precision, c numeric, label boolean, site text);" +
            $"INSERT INTO {table} VALUES " + string.Join(",", values.Select(v => string.Create(CultureInfo.InvariantCulture,
                $"({v.i},{(withNull && v.i == 1234 ? "NULL" : v.a.ToString("R", CultureInfo.InvariantCulture))},{v.b},{v.c},{v.anomaly},{(v.i % 2 == 0 ? "'north'" : "NULL")})")));
        command.ExecuteNonQuery();
        return table;
    }

    private IDataView Load(string query) =>
        _ml.Data.CreateDatabaseLoader<Reading>().Load(new DatabaseSource(NpgsqlFactory.Instance, server.ConnectionString, query));

    [Fact]
    public void RowsStreamFromTheDatabaseThroughADetectorAndScoreAsTheSameRowsFromACsv()
    {
        var table = CreateReadings("readings_ok");
        var fromDatabase = Load($"SELECT id, a, b, c, label, site FROM {table} ORDER BY id");
        var fromCsv = _ml.Data.LoadFromTextFile(_csv, [new TextLoader.Column("Features", DataKind.Single, 0, 2), new TextLoader.Column("label", DataKind.Boolean, 3)], separatorChar: ',');

        Assert.Null(fromDatabase.GetRowCount());
        Assert.Equal(fromCsv.GetColumn<float[]>("Features"), fromDatabase.GetColumn<float[]>("Features"));
        Assert.Equal(["north", ""], fromDatabase.GetColumn<string>("Site").Take(2));

        var pipeline = _ml.Transforms.NormalizeMinMax("Features")
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { LatentDimension = 1, Epochs = 20, Seed = 5 }));
        using var trainedOnDatabase = pipeline.Fit(fromDatabase);
        using var trainedOnCsv = pipeline.Fit(fromCsv);
        var scores = trainedOnDatabase.Transform(fromDatabase).GetColumn<float>("Score").ToArray();
        Assert.Equal(trainedOnCsv.Transform(fromCsv).GetColumn<float>("Score"), scores);
        Assert.Equal(Rows, scores.Length);
        var metrics = _ml.AnomalyDetection.Evaluate(trainedOnDatabase.Transform(fromDatabase), labelColumnName: "label");
        Assert.True(metrics.AreaUnderRocCurve > 0.8, $"AUROC {metrics.AreaUnderRocCurve:F3}");
    }

    [Fact]
    public void ABadQueryAMissingColumnAndANullFeatureAreErrorsNamingThem()
    {
        var table = CreateReadings("readings_bad", withNull: true);

        var badQuery = Load("SELECT a, b FROM no_such_table");
        var error = Assert.Throws<InvalidOperationException>(() => badQuery.GetColumn<bool>("label").ToList());
        Assert.Contains("The query 'SELECT a, b FROM no_such_table' failed", error.Message);
        Assert.Contains("no_such_table", error.Message);

        var missing = Load($"SELECT id, a, b, c FROM {table}");
        Assert.Contains("Column 'label' reads the result column 'label', but the query returns 4: 'id', 'a', 'b', 'c'",
            Assert.Throws<InvalidOperationException>(() => missing.GetColumn<bool>("label").ToList()).Message);

        var withNull = Load($"SELECT id, a, b, c, label, site FROM {table} ORDER BY id");
        Assert.Equal(Rows, withNull.GetColumn<bool>("label").Count());
        var features = withNull.GetColumn<float[]>("Features").ToList();
        Assert.True(float.IsNaN(features[1234][0]), "NULL in a Single column reads as NaN, a missing value");
        Assert.Equal(1, features.Sum(row => row.Count(float.IsNaN)));

        var nullLabels = Load($"SELECT id, a, b, c, NULL::boolean AS label, site FROM {table}");
        Assert.Contains("Row 0 of column 'label' (result column 'label') is NULL, and Boolean has no missing value",
            Assert.Throws<InvalidDataException>(() => nullLabels.GetColumn<bool>("label").ToList()).Message);
    }
}
