using System.IO.Compression;
using Autoencoders.Data;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

public class DataLoadingTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("loading-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void CacheChecksTheColumnsToPrefetchAndServesTheSameRows()
    {
        var data = TestData.Tabular(_ml, 20);
        var cached = _ml.Data.Cache(data, "Age", "Readings");
        Assert.Equal(data.GetColumn<float>("Age"), cached.GetColumn<float>("Age"));
        Assert.Equal(data.GetColumn<string>("Name"), cached.GetColumn<string>("Name"));
        Assert.Contains("Column 'Agee' is not in the data", Assert.Throws<ArgumentException>(() => _ml.Data.Cache(data, "Agee")).Message);
    }

    [Fact]
    public void EnumerableRoundTripsThroughADataView()
    {
        var rows = Enumerable.Range(0, 5).Select(i => new TabularRow { Age = i, Income = i * 2, Readings = [i, i + 1, i + 2], Name = $"n{i}", IsAnomaly = i == 3 }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);

        Assert.Equal("Age: Single, Income: Single, Readings: Vector<Single, 3>, Name: Text, IsAnomaly: Boolean", data.Schema.ToString());
        var back = _ml.Data.CreateEnumerable<TabularRow>(data, reuseRowObject: false).ToList();
        Assert.Equal(rows.Select(r => (r.Age, r.Income, r.Name, r.IsAnomaly)), back.Select(r => (r.Age, r.Income, r.Name, r.IsAnomaly)));
        Assert.Equal(rows.SelectMany(r => r.Readings), back.SelectMany(r => r.Readings));
    }

    [Fact]
    public void ALineWithMoreFieldsThanTheHeaderIsRefusedNamingIt()
    {
        // An unquoted decimal comma on line 4 (after a blank line) would shift 'b' and 'c' by one.
        var path = Path.Combine(_directory, "shifted.csv");
        File.WriteAllLines(path, ["a,b,c", "1,2,3", "", "56,600,7,8"]);
        TextLoader.Column[] columns = [new("a", DataKind.Single, 0), new("b", DataKind.Single, 1), new("c", DataKind.Single, 2)];

        var error = Assert.Throws<InvalidDataException>(() => ReadEveryRow(_ml.Data.LoadFromTextFile(path, columns, ',', hasHeader: true)));
        Assert.StartsWith($"'{path}' line 4 (row 1) has 4 fields where the header has 3.", error.Message);
        Assert.Contains("AllowVaryingFieldCount", error.Message);

        var noHeader = Path.Combine(_directory, "short.csv");
        File.WriteAllLines(noHeader, ["1,2,3", "4,5"]);
        Assert.StartsWith($"'{noHeader}' line 2 (row 1) has 2 fields where line 1 has 3.",
            Assert.Throws<InvalidDataException>(() => ReadEveryRow(_ml.Data.LoadFromTextFile(noHeader, columns[..2], ','))).Message);

        var allowed = _ml.Data.LoadFromTextFile(path, new TextLoader.Options { Columns = columns, Separators = [','], HasHeader = true, AllowVaryingFieldCount = true });
        Assert.Equal([2f, 600f], allowed.GetColumn<float>("b").ToArray());

        // Allowed to vary, a line still needs every field a column names.
        Assert.Contains("line 2 (row 1): column 'c' needs field 2 but the line has 2 fields", Assert.Throws<InvalidDataException>(() =>
            ReadEveryRow(_ml.Data.LoadFromTextFile(noHeader, new TextLoader.Options { Columns = [columns[2]], Separators = [','], AllowVaryingFieldCount = true }))).Message);
    }

    [Fact]
    public void NumbersBeyondASinglesRangeAreRefusedAtLoadNamingLineAndColumn()
    {
        var path = Path.Combine(_directory, "huge.csv");
        File.WriteAllLines(path, ["a,b", "1,1e-50", "2,-1e39"]);
        TextLoader.Column[] columns = [new("a", DataKind.Single, 0), new("b", DataKind.Single, 1)];

        var error = Assert.Throws<InvalidDataException>(() => ReadEveryRow(_ml.Data.LoadFromTextFile(path, columns, ',', hasHeader: true)));
        Assert.Equal($"'{path}' line 3 (row 1): column 'b' field 1 is '-1e39', which is beyond the range of a Single (about ±3.4e38).", error.Message);

        File.WriteAllLines(path, ["a,b", "1,1e-50", "2,3.4e38"]);
        var data = _ml.Data.LoadFromTextFile(path, columns, ',', hasHeader: true);
        Assert.Equal([0f, 3.4e38f], data.GetColumn<float>("b").ToArray());
    }

    [Fact]
    public void EnumerableRejectsVectorsOfTheWrongSizeAndMissingColumns()
    {
        var rows = new[] { new TabularRow { Readings = [1, 2, 3] }, new TabularRow { Readings = [1, 2] } };
        var loaded = _ml.Data.LoadFromEnumerable(rows);
        Assert.Contains("Row 1 of column 'Readings' has 2 values but the column holds 3",
            Assert.Throws<ArgumentException>(() => loaded.GetColumn<float[]>("Readings").ToList()).Message);

        var data = _ml.Data.LoadFromEnumerable(new[] { new TextRow { Name = "a" } });
        Assert.Contains("reads column 'Age', which is not in the data",
            Assert.Throws<ArgumentException>(() => _ml.Data.CreateEnumerable<TabularRow>(data, false).ToList()).Message);
    }

    [Fact]
    public void TextFileLoadsFieldRangesAsVectorsWithHeaderAndSeparator()
    {
        var path = Write("data.csv", "id,a,b,c,label\n1,0.5,\"1e3\",-2,true\n2,NaN,3,4,0\n");
        var data = _ml.Data.LoadFromTextFile(path,
            [new TextLoader.Column("Features", DataKind.Single, 1, 3), new TextLoader.Column("Label", DataKind.Boolean, 4), new TextLoader.Column("Id", DataKind.Int32, 0)],
            separatorChar: ',', hasHeader: true, allowQuoting: true);

        Assert.Null(data.GetRowCount());
        var features = data.GetColumn<float[]>("Features").ToArray();
        Assert.Equal([0.5f, 1000f, -2f], features[0]);
        Assert.True(float.IsNaN(features[1][0]));
        Assert.Equal([true, false], data.GetColumn<bool>("Label").ToArray());
        Assert.Equal(["id", "a", "b", "c", "label"], TextLoader.ReadHeader(path));

        var unquoted = _ml.Data.LoadFromTextFile(path, [new TextLoader.Column("Features", DataKind.Single, 1, 3)], separatorChar: ',', hasHeader: true);
        Assert.Contains("field 2 is '\"1e3\"', which is not a number", Assert.Throws<InvalidDataException>(() => unquoted.GetColumn<float[]>("Features").ToArray()).Message);
    }

    [Fact]
    public void EmptySingleFieldsReadAsMissingAndEmptyIntegersAreErrors()
    {
        var path = Write("gaps.csv", "a,b,n\n1,,3\n , NaN,\n");
        var data = _ml.Data.LoadFromTextFile(path, [new TextLoader.Column("Features", DataKind.Single, 0, 1), new TextLoader.Column("N", DataKind.Int32, 2)],
            separatorChar: ',', hasHeader: true);
        var features = data.GetColumn<float[]>("Features").ToArray();
        Assert.Equal(1f, features[0][0]);
        Assert.All(new[] { features[0][1], features[1][0], features[1][1] }, value => Assert.True(float.IsNaN(value)));
        Assert.Contains("line 3 (row 1): column 'N' field 2 is empty, and Int32 has no missing value",
            Assert.Throws<InvalidDataException>(() => data.GetColumn<int>("N").ToArray()).Message);

        var zeros = _ml.Data.LoadFromTextFile(path, new TextLoader.Options
        {
            Columns = [new TextLoader.Column("Features", DataKind.Single, 0, 1)], Separators = [','], HasHeader = true, MissingRealsAsNaNs = false,
        });
        Assert.Equal([[1f, 0f], [0f, float.NaN]], zeros.GetColumn<float[]>("Features").ToArray());
    }

    [Fact]
    public void TextFileLoadsIntoLoadColumnMembers()
    {
        var path = Write("data.tsv", "3\t1\t2\tx\n4\t5\t6\ty\n");
        var rows = _ml.Data.CreateEnumerable<CsvRow>(_ml.Data.LoadFromTextFile<CsvRow>(path), false).ToList();
        Assert.Equal([3f, 4f], rows.Select(r => r.Target));
        Assert.Equal([5f, 6f], rows[1].Values);
        Assert.Equal("y", rows[1].Tag);
    }

    [Theory]
    [InlineData("1,2\n3\n", "line 2 (row 1) has 1 fields where line 1 has 2")]
    [InlineData("1,2\n3,abc\n", "line 2 (row 1): column 'Features' field 1 is 'abc', which is not a number")]
    public void MalformedTextNamesTheLineAndColumn(string content, string expected)
    {
        var path = Write("bad.csv", content);
        var data = _ml.Data.LoadFromTextFile(path, [new TextLoader.Column("Features", DataKind.Single, 0, 1)], separatorChar: ',');
        var error = Assert.Throws<InvalidDataException>(() => ReadEveryRow(data));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void ATextFileStreamsReadsOnlyTheColumnsAskedForAndReleasesItsHandle()
    {
        var path = Write("lazy.csv", "1,x\n2,y\n3,oops\n");
        var data = _ml.Data.LoadFromTextFile(path, [new TextLoader.Column("a", DataKind.Single, 0), new TextLoader.Column("b", DataKind.Single, 1)], ',');
        Assert.Equal([1f, 2f, 3f], data.GetColumn<float>("a"));
        Assert.Contains("line 1 (row 0): column 'b' field 1 is 'x'", Assert.Throws<InvalidDataException>(() => data.GetColumn<float>("b").ToList()).Message);

        using (var cursor = data.GetRowCursor([data.Schema["a"]]))
        {
            Assert.True(cursor.MoveNext());
            Assert.ThrowsAny<IOException>(() => new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
        }

        new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose();
    }

    [Fact]
    public void AFileThatChangesAfterLoadingIsAnErrorNotMixedRows()
    {
        var path = Write("changing.csv", "1\n2\n");
        var data = _ml.Data.LoadFromTextFile(path, [new TextLoader.Column("a", DataKind.Single, 0)], ',');
        Assert.Equal([1f, 2f], data.GetColumn<float>("a"));

        File.AppendAllText(path, "3\n");
        Assert.Contains("changed after it was loaded", Assert.Throws<InvalidDataException>(() => data.GetColumn<float>("a").ToList()).Message);
        Assert.Equal([1f, 2f, 3f], _ml.Data.LoadFromTextFile(path, [new TextLoader.Column("a", DataKind.Single, 0)], ',').GetColumn<float>("a"));
    }

    private static void ReadEveryRow(IDataView data)
    {
        using var cursor = data.GetRowCursor(data.Schema);
        while (cursor.MoveNext())
        {
        }
    }

    [Fact]
    public void IdxFilesLoadPlainOrGzipped()
    {
        // Two 2x1 images: header (magic, count, height, width), then the pixels.
        byte[] images = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 255, 51, 102];
        var labels = new byte[] { 0, 0, 8, 1, 0, 0, 0, 2, 4, 9 };
        var imagesPath = Path.Combine(_directory, "images.idx");
        File.WriteAllBytes(imagesPath, images);
        var labelsPath = Path.Combine(_directory, "labels.idx.gz");
        using (var gzip = new GZipStream(File.Create(labelsPath), CompressionLevel.Fastest)) gzip.Write(labels);

        var data = _ml.Data.LoadFromIdxFiles(imagesPath, labelsPath);
        Assert.Equal([0f, 1f, 0.2f, 0.4f], data.GetColumn<float[]>("Features").SelectMany(row => row).ToArray());
        Assert.Equal([4, 9], data.GetColumn<int>("Label").ToArray());

        // Images stream: a cut-short body is found when they are read, and reading only the labels never opens them.
        File.WriteAllBytes(imagesPath, images[..18]);
        var truncated = _ml.Data.LoadFromIdxFiles(imagesPath, labelsPath);
        Assert.Equal([4, 9], truncated.GetColumn<int>("Label").ToArray());
        Assert.Contains("ends before its declared size", Assert.Throws<InvalidDataException>(() => truncated.GetColumn<float[]>("Features").ToList()).Message);
        File.WriteAllBytes(imagesPath, images[..10]);
        Assert.Contains("ends before its declared size", Assert.Throws<InvalidDataException>(() => _ml.Data.LoadFromIdxFiles(imagesPath, labelsPath)).Message);
        Assert.Contains("not an IDX file", Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(labelsPath)).Message);
    }

    [Fact]
    public void SplitShuffleTakeAndFilterKeepRowsWhole()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 100).Select(i => new TabularRow { Age = i, Income = -i, Readings = [i, i, i] }).ToList());

        var split = _ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 3);
        var trainAges = Ages(split.TrainSet);
        var testAges = Ages(split.TestSet);
        Assert.Equal(20, testAges.Length);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), trainAges.Concat(testAges).Order());
        Assert.Equal(testAges, Ages(_ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 3).TestSet));
        Assert.All(_ml.Data.CreateEnumerable<TabularRow>(split.TestSet, false), row => Assert.Equal(-row.Age, row.Income));

        var shuffled = Ages(_ml.Data.ShuffleRows(data, seed: 4));
        Assert.NotEqual(Ages(data), shuffled);
        Assert.Equal(Ages(data), shuffled.Order());
        Assert.Equal([0f, 1f, 2f], Ages(_ml.Data.TakeRows(data, 3)));
        Assert.Equal([97f, 98f, 99f], Ages(_ml.Data.SkipRows(data, 97)));
        Assert.Equal([10f, 11f], Ages(_ml.Data.FilterRowsByColumn(data, "Age", 10, 12)));
        Assert.Contains("only Single and Int32", Assert.Throws<ArgumentException>(() => _ml.Data.FilterRowsByColumn(data, "Readings", 0, 1)).Message);
    }

    private float[] Ages(IDataView data) => _ml.Data.CreateEnumerable<TabularRow>(data, false).Select(r => r.Age).ToArray();

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private sealed class CsvRow
    {
        [LoadColumn(0)]
        public float Target { get; set; }

        [LoadColumn(1, 2)]
        [VectorType(2)]
        public float[] Values { get; set; } = [];

        [LoadColumn(3)]
        public string Tag { get; set; } = "";
    }
}
