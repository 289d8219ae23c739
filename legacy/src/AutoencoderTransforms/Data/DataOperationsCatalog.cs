namespace Autoencoders;

/// <summary>Loading data into views, reading it back, and splitting, shuffling, filtering and augmenting rows.</summary>
public sealed class DataOperationsCatalog : CatalogBase
{
    /// <summary>The two parts of a train/test split, as <see cref="TrainTestSplit"/> returns them.</summary>
    /// <param name="TrainSet">The rows to train on.</param>
    /// <param name="TestSet">The held-out rows.</param>
    public sealed record TrainTestData(IDataView TrainSet, IDataView TestSet);

    internal DataOperationsCatalog(MLContext context) : base(context) { }

    /// <summary>
    /// A view of <paramref name="data"/>, one column per public field or property of
    /// <typeparamref name="TRow"/> (float, float[] with [VectorType(n)], int, bool, string), named
    /// by [ColumnName] or the member's name. The sequence is not copied: every pass enumerates it
    /// again, so it must give the same rows each time (a list, an array, a repeatable query). A
    /// float[] member without [VectorType] takes its size from the first row, read here.
    /// </summary>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data) where TRow : class =>
        EnumerableDataConverter.ToDataView(data);

    /// <summary>
    /// A view that reads <paramref name="data"/> into memory the first time a cursor asks for rows
    /// and serves every later pass from memory: for data read more than once (evaluating and then
    /// listing scored rows) that fits in memory. Returns at once; nothing is read until then.
    /// </summary>
    /// <param name="data">The rows.</param>
    /// <param name="columnsToPrefetch">
    /// ML.NET's columns to cache whenever anything is; checked to exist. Here every column is cached
    /// on the first read, which includes them.
    /// </param>
    public IDataView Cache(IDataView data, params string[] columnsToPrefetch)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var name in columnsToPrefetch ?? [])
        {
            SchemaRequirements.RequireColumn(data.Schema, name);
        }

        return new CachedDataView(data);
    }

    /// <summary>The rows of <paramref name="data"/> as objects; each member reads the column of its name.</summary>
    /// <param name="data">The view to read.</param>
    /// <param name="reuseRowObject">Whether one object is filled again for every row (no allocation per row).</param>
    /// <param name="ignoreMissingColumns">Whether members without a column are left alone instead of an error.</param>
    public IEnumerable<TRow> CreateEnumerable<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns = false) where TRow : class, new() =>
        EnumerableDataConverter.ToRows<TRow>(data, reuseRowObject, ignoreMissingColumns);

    /// <summary>
    /// Loads a delimited text file into <paramref name="columns"/>. Nothing is read until a cursor
    /// asks; an empty Single field reads as NaN (missing), a malformed one is an error naming the file,
    /// line and column.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">The columns and the fields they read.</param>
    /// <param name="separatorChar">The field separator. Defaults to tab, as in ML.NET.</param>
    /// <param name="hasHeader">Whether the first line names the fields.</param>
    /// <param name="allowQuoting">Whether fields may be quoted (to hold separators).</param>
    /// <param name="trimWhitespace">Whether spaces around fields are removed.</param>
    public IDataView LoadFromTextFile(string path, TextLoader.Column[] columns, char separatorChar = '\t', bool hasHeader = false,
        bool allowQuoting = false, bool trimWhitespace = false) =>
        TextLoader.Load(path, new TextLoader.Options
        {
            Columns = columns, Separators = [separatorChar], HasHeader = hasHeader, AllowQuoting = allowQuoting, TrimWhitespace = trimWhitespace,
        });

    /// <summary>Loads a delimited text file as <paramref name="options"/> describe.</summary>
    public IDataView LoadFromTextFile(string path, TextLoader.Options options) => TextLoader.Load(path, options);

    /// <summary>Loads a delimited text file into the columns of <typeparamref name="TInput"/>'s members marked [LoadColumn].</summary>
    /// <param name="path">The file.</param>
    /// <param name="separatorChar">The field separator. Defaults to tab, as in ML.NET.</param>
    /// <param name="hasHeader">Whether the first line names the fields.</param>
    /// <param name="allowQuoting">Whether fields may be quoted (to hold separators).</param>
    /// <param name="trimWhitespace">Whether spaces around fields are removed.</param>
    public IDataView LoadFromTextFile<TInput>(string path, char separatorChar = '\t', bool hasHeader = false, bool allowQuoting = false,
        bool trimWhitespace = false) =>
        LoadFromTextFile<TInput>(path, new TextLoader.Options
        {
            Separators = [separatorChar], HasHeader = hasHeader, AllowQuoting = allowQuoting, TrimWhitespace = trimWhitespace,
        });

    /// <summary>
    /// Loads a delimited text file into the columns of <typeparamref name="TInput"/>'s members marked
    /// [LoadColumn], read as <paramref name="options"/> describe (their <see cref="TextLoader.Options.Columns"/> are ignored).
    /// </summary>
    public IDataView LoadFromTextFile<TInput>(string path, TextLoader.Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TextLoader.Load(path, new TextLoader.Options
        {
            Columns = TextColumnsOf(typeof(TInput)), Separators = options.Separators, HasHeader = options.HasHeader,
            AllowVaryingFieldCount = options.AllowVaryingFieldCount, AllowQuoting = options.AllowQuoting,
            TrimWhitespace = options.TrimWhitespace, MissingRealsAsNaNs = options.MissingRealsAsNaNs,
        });
    }

    /// <summary>
    /// Loads an IDX image file and its label file (MNIST format, gzip or not) as a vector column of
    /// pixels scaled to [0, 1] and an Int32 label column. The headers are checked here; the images
    /// stream from disk a block at a time when a cursor reads them.
    /// </summary>
    public IDataView LoadFromIdxFiles(string imagesPath, string labelsPath, string featureColumnName = "Features", string labelColumnName = "Label") =>
        new IdxDataView(imagesPath, labelsPath, featureColumnName, labelColumnName);

    /// <summary>
    /// The image files in <paramref name="folder"/> and its subfolders (.png, .jpg, .jpeg, .bmp,
    /// .tif, .tiff, .pgm, .ppm, .pbm), one row each, in ordinal order of their paths: a text column
    /// of paths relative to the folder (pass the folder to <c>LoadImages</c>) and, by default, a
    /// text column of labels, each file's folder name (e.g. "good" for "train/good/000.png"). Only
    /// the paths are read here; the images load when <c>LoadImages</c>' column is read.
    /// </summary>
    /// <param name="folder">The folder.</param>
    /// <param name="useFolderNameAsLabel">Whether to add the label column.</param>
    /// <param name="imagePathColumnName">The name of the path column.</param>
    /// <param name="labelColumnName">The name of the label column.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">The folder holds no image files.</exception>
    public IDataView LoadFromImageFolder(string folder, bool useFolderNameAsLabel = true, string imagePathColumnName = "ImagePath",
        string labelColumnName = "Label") =>
        ImageFolder.Load(folder, useFolderNameAsLabel, imagePathColumnName, labelColumnName);

    /// <summary>
    /// A loader of database query results into views with the columns of <typeparamref name="TInput"/>'s
    /// members (ML.NET's <c>CreateDatabaseLoader</c>); <see cref="DatabaseLoader.Load"/> takes the query.
    /// </summary>
    public DatabaseLoader CreateDatabaseLoader<TInput>() => new(typeof(TInput));

    /// <summary>
    /// Writes every row of <paramref name="data"/> to <paramref name="stream"/> in this library's
    /// binary columnar format, a block at a time: for fast re-reading with <see cref="LoadFromBinary"/>.
    /// Each block of each column carries a CRC-32, so damage is found when reading. Image columns
    /// are left out, as ML.NET leaves out columns it cannot save, each with a message on
    /// <see cref="MLContext.Log"/>: keep the images' paths, or their pixels (<c>ExtractPixels</c>).
    /// </summary>
    /// <param name="data">The rows.</param>
    /// <param name="stream">Where to write (left open).</param>
    /// <param name="keepHidden">ML.NET's option to keep columns a later one of the same name hides; views here hold no hidden columns, so there is nothing to keep.</param>
    public void SaveAsBinary(IDataView data, Stream stream, bool keepHidden = false) => BinaryFormat.Save(data, SavedColumns(data, nameof(SaveAsBinary)), stream);

    /// <summary>
    /// A view of a file <see cref="SaveAsBinary"/> wrote. The header (schema, row count) is read
    /// here; rows stream from disk when a cursor reads them, only the columns it asks for.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not one of this format, or its header is damaged.</exception>
    public IDataView LoadFromBinary(string path) => new BinaryDataView(path);

    /// <summary>
    /// Writes every row of <paramref name="data"/> to <paramref name="stream"/> as delimited text,
    /// streaming; a vector column becomes one field per slot, headed "Name.0", "Name.1", ... Image
    /// columns are left out, as <see cref="SaveAsBinary"/> says.
    /// </summary>
    /// <param name="data">The rows.</param>
    /// <param name="stream">Where to write (left open).</param>
    /// <param name="separatorChar">The field separator. Defaults to tab, as in ML.NET.</param>
    /// <param name="headerRow">Whether the first line names the fields. Defaults to true.</param>
    public void SaveAsText(IDataView data, Stream stream, char separatorChar = '\t', bool headerRow = true) =>
        TextSaver.Save(data, SavedColumns(data, nameof(SaveAsText)), stream, separatorChar, headerRow);

    /// <summary>The columns of <paramref name="data"/> a saver writes: all but images, each of which is reported on the log.</summary>
    private IReadOnlyList<DataViewSchema.Column> SavedColumns(IDataView data, string saver)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var column in data.Schema.Where(column => column.Type is ImageDataViewType))
        {
            Context.WriteLog(saver, ChannelMessageKind.Info,
                $"The column '{column.Name}' will not be written: it holds decoded images. Keep their paths, or their pixels (ExtractPixels).");
        }

        return data.Schema.Where(column => column.Type is not ImageDataViewType).ToArray();
    }

    /// <summary>
    /// Splits the rows into a training part and a test part of about <paramref name="testFraction"/>,
    /// as ML.NET does: each row's side is decided by a seeded hash of its position (or of its value
    /// in <paramref name="samplingKeyColumnName"/>, so rows sharing a value stay together), so both
    /// parts keep the source order, are disjoint, and are the same on every pass. Nothing is read
    /// until a cursor asks.
    /// </summary>
    /// <param name="data">The rows.</param>
    /// <param name="testFraction">Share of rows in the test part, in (0, 1). Defaults to 0.1.</param>
    /// <param name="samplingKeyColumnName">A scalar column whose equal values go to the same part (a group, a user id); null splits row by row.</param>
    /// <param name="seed">Seeds the hash; null takes the context's next seed.</param>
    public TrainTestData TrainTestSplit(IDataView data, double testFraction = 0.1, string? samplingKeyColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "testFraction must be in (0, 1).");
        }

        return SplitByHash(data, 0, testFraction, samplingKeyColumnName, seed ?? Context.NextSeed());
    }

    /// <summary>
    /// The split behind <see cref="TrainTestSplit"/> and cross-validation: a row is tested when
    /// its seeded hash (of its position, or of its <paramref name="samplingKeyColumnName"/> value)
    /// falls in [<paramref name="from"/>, <paramref name="to"/>), and trained on otherwise.
    /// </summary>
    internal static TrainTestData SplitByHash(IDataView data, double from, double to, string? samplingKeyColumnName, int seed)
    {
        var sampling = samplingKeyColumnName is null ? null : SchemaRequirements.RequireColumn(data.Schema, samplingKeyColumnName);
        if (sampling?.Type is VectorDataViewType)
        {
            throw new ArgumentException($"Sampling key column '{sampling.Name}' is {sampling.Type}; it must hold one value per row.", nameof(samplingKeyColumnName));
        }

        var key = (ulong)(uint)seed;
        bool IsTest(DataViewBlockCursor block, int row) =>
            RowHash.Unit(key, sampling is null ? block.Position + row : RowHash.OfValue(DataViewReading.Value(block, block.Schema[sampling.Name], row))) is var unit
            && unit >= from && unit < to;
        string[] ruleColumns = sampling is null ? [] : [sampling.Name];
        return new TrainTestData(
            new SelectedRowsDataView(data, ruleColumns, (block, row) => !IsTest(block, row)),
            new SelectedRowsDataView(data, ruleColumns, IsTest));
    }

    /// <summary>
    /// The rows in a seeded random order. A view that can shuffle (one in memory, a cache) is
    /// shuffled whole; any other streams through a pool of <paramref name="shufflePoolSize"/> rows,
    /// from which each row handed out is drawn at random, so memory holds only the pool and a row
    /// moves at most about a pool's length earlier. Nothing is read until a cursor asks.
    /// </summary>
    /// <param name="data">The rows.</param>
    /// <param name="seed">Seeds the order; null takes the context's next seed.</param>
    /// <param name="shufflePoolSize">Rows held in the pool when the source cannot shuffle itself. Defaults to 1,000, as in ML.NET.</param>
    public IDataView ShuffleRows(IDataView data, int? seed = null, int shufflePoolSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(shufflePoolSize, 1);
        return new ShuffledDataView(data, seed ?? Context.NextSeed(), shufflePoolSize);
    }

    /// <summary>The first <paramref name="count"/> rows (all of them when there are fewer). Reads no further than that.</summary>
    public IDataView TakeRows(IDataView data, long count)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new SelectedRowsDataView(data, [], (_, _) => true, stopAt: count, rowCount: data.GetRowCount() is { } rows ? Math.Min(rows, count) : null);
    }

    /// <summary>All rows but the first <paramref name="count"/>.</summary>
    public IDataView SkipRows(IDataView data, long count)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new SelectedRowsDataView(data, [], (block, row) => block.Position + row >= count,
            rowCount: data.GetRowCount() is { } rows ? Math.Max(0, rows - count) : null);
    }

    /// <summary>
    /// The rows whose numeric <paramref name="columnName"/> lies in [<paramref name="lowerBound"/>,
    /// <paramref name="upperBound"/>); rows where it is NaN are dropped. Decided while a cursor reads.
    /// </summary>
    public IDataView FilterRowsByColumn(IDataView data, string columnName, double lowerBound = double.NegativeInfinity, double upperBound = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(data);
        var column = data.Schema[columnName];
        if (lowerBound >= upperBound)
        {
            throw new ArgumentOutOfRangeException(nameof(upperBound), upperBound, $"upperBound must be above lowerBound ({lowerBound}).");
        }

        Func<DataViewBlockCursor, int, double> value = column.Type switch
        {
            NumberDataViewType when column.Type.RawType == typeof(float) => (block, row) => block.GetValues<float>(block.Schema[columnName]).Span[row],
            NumberDataViewType => (block, row) => block.GetValues<int>(block.Schema[columnName]).Span[row],
            _ => throw new ArgumentException($"Column '{columnName}' is {column.Type}; only Single and Int32 columns can be filtered.", nameof(columnName)),
        };
        return new SelectedRowsDataView(data, [columnName], (block, row) => value(block, row) is var v && v >= lowerBound && v < upperBound);
    }

    /// <summary>
    /// The rows whose key <paramref name="columnName"/>, as a fraction of its key range ((key - 0.5) / count),
    /// lies in [<paramref name="lowerBound"/>, <paramref name="upperBound"/>), as in ML.NET; rows
    /// with key 0 (missing) or a key beyond the count are dropped. Useful on a key made by a stable hash, to take a share of the rows.
    /// </summary>
    /// <param name="data">The rows.</param>
    /// <param name="columnName">A key column.</param>
    /// <param name="lowerBound">The inclusive lower bound, in [0, 1]. Defaults to 0.</param>
    /// <param name="upperBound">The exclusive upper bound, in [<paramref name="lowerBound"/>, 2]. Defaults to 1.</param>
    public IDataView FilterRowsByKeyColumnFraction(IDataView data, string columnName, double lowerBound = 0, double upperBound = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(lowerBound is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(lowerBound), lowerBound, "lowerBound must be in [0, 1].");
        if (!(upperBound >= lowerBound && upperBound <= 2)) throw new ArgumentOutOfRangeException(nameof(upperBound), upperBound, $"upperBound must be in [lowerBound ({lowerBound}), 2].");
        var column = SchemaRequirements.RequireColumn(data.Schema, columnName);
        var count = column.Type is KeyDataViewType { Count: > 0 } key ? (double)key.Count
            : throw new ArgumentException($"Column '{columnName}' is {column.Type}; only a key column with a known count can be filtered by fraction.", nameof(columnName));
        return new SelectedRowsDataView(data, [columnName], (block, row) =>
            block.GetValues<uint>(block.Schema[columnName]).Span[row] is var value && value != 0 && value <= count && (value - 0.5) / count is var fraction
            && fraction >= lowerBound && fraction < upperBound);
    }

    /// <summary>
    /// The rows with no missing value in any of <paramref name="columns"/>, as ML.NET's: NaN in a
    /// Single column or anywhere in a Single vector, key 0 in a key column.
    /// </summary>
    /// <param name="data">The rows.</param>
    /// <param name="columns">Single, Single-vector or key columns; at least one.</param>
    /// <exception cref="ArgumentException">No column is named, or one is missing or of a type with no missing value (Int32, Boolean, text).</exception>
    public IDataView FilterRowsByMissingValues(IDataView data, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0) throw new ArgumentException("Name at least one column.", nameof(columns));
        var tests = columns.Select(name => SchemaRequirements.RequireColumn(data.Schema, name) switch
        {
            { Type: KeyDataViewType } => (Func<DataViewBlockCursor, int, bool>)((block, row) => block.GetValues<uint>(block.Schema[name]).Span[row] != 0),
            { Type: var type } when type.RawType == typeof(float) => (block, row) =>
                !HasNaN(block.GetValues<float>(block.Schema[name]).Span.Slice(row * type.ValuesPerRow, type.ValuesPerRow)),
            { Type: var type } => throw new ArgumentException($"Column '{name}' is {type}, which has no missing value; only Single, Single-vector and key columns can be.", nameof(columns)),
        }).ToArray();
        return new SelectedRowsDataView(data, columns, (block, row) => Array.TrueForAll(tests, test => test(block, row)));
    }

    /// <summary>Whether any of <paramref name="values"/> is NaN (missing).</summary>
    internal static bool HasNaN(ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (float.IsNaN(value)) return true;
        }

        return false;
    }

    /// <summary>
    /// More labelled examples out of few images: the rows unchanged, followed by copies whose image
    /// column is shifted 1 to <paramref name="maximumShift"/> pixels left, right, up and down, and,
    /// when <paramref name="mirror"/>, mirrored copies of all of those. Every other column is
    /// copied as it is. With a shift of 1 and mirroring, each row becomes 10. Lazy: each copy is a
    /// pass over <paramref name="data"/> when a cursor reads it; the image column comes last.
    /// </summary>
    /// <param name="data">The rows.</param>
    /// <param name="columnName">The image column: a vector of Single holding <paramref name="shape"/>.</param>
    /// <param name="shape">The layout of an image in that column.</param>
    /// <param name="maximumShift">The largest shift in pixels, from 0 (none) to less than the image's height and width. Defaults to 1.</param>
    /// <param name="mirror">Whether left-right mirrored copies are added. Defaults to true; leave it off where mirroring changes the label (digits, text).</param>
    public IDataView AugmentImages(IDataView data, string columnName, ImageShape shape, int maximumShift = 1, bool mirror = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        var width = SchemaRequirements.RequireFeatureColumn(data.Schema, columnName);
        if (!shape.Holds(width))
        {
            throw new ArgumentException($"{shape} holds {shape.Size} values but column '{columnName}' has {width}.", nameof(shape));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maximumShift);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maximumShift, Math.Min(shape.Height, shape.Width));
        var copies = new List<Func<FeatureMatrix, FeatureMatrix>> { images => images };
        for (var step = 1; step <= maximumShift; step++)
        {
            var by = step;
            copies.AddRange([
                images => ImageAugmentation.Shift(images, shape, by, 0), images => ImageAugmentation.Shift(images, shape, -by, 0),
                images => ImageAugmentation.Shift(images, shape, 0, by), images => ImageAugmentation.Shift(images, shape, 0, -by)]);
        }

        if (mirror)
        {
            copies.AddRange(copies.ToArray().Select(copy => (Func<FeatureMatrix, FeatureMatrix>)(images => ImageAugmentation.Mirror(copy(images), shape))));
        }

        var type = data.Schema[columnName].Type;
        return new ConcatenatedDataView(copies.Select(copy => (IDataView)new MappedDataView(data, [columnName], [(columnName, type)], block =>
            [copy(new FeatureMatrix(block.GetValues<float>(block.Schema[columnName]), width)).Array])).ToArray());
    }

    private static TextLoader.Column[] TextColumnsOf(Type rowType)
    {
        var columns = RowTypeMembers.Of(rowType).Members
            .Where(member => member.Load is not null)
            .Select(member => new TextLoader.Column(member.ColumnName, KindOf(member.ValueType), member.Load!.Start, member.Load.End))
            .ToArray();
        return columns.Length > 0 ? columns : throw new ArgumentException($"{rowType.Name} has no member marked [LoadColumn].", nameof(rowType));
    }

    private static DataKind KindOf(Type valueType) =>
        valueType == typeof(float) || valueType == typeof(float[]) ? DataKind.Single
        : valueType == typeof(int) ? DataKind.Int32
        : valueType == typeof(bool) ? DataKind.Boolean
        : DataKind.String;
}
