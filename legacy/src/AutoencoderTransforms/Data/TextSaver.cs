using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Autoencoders.Data;

/// <summary>Writes a view as delimited text (CsvHelper quoting), streaming one block at a time.</summary>
internal static class TextSaver
{
    public static void Save(IDataView data, IReadOnlyList<DataViewSchema.Column> columns, Stream stream, char separatorChar, bool headerRow)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(stream);
        using var text = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = separatorChar.ToString(), HasHeaderRecord = false });
        if (headerRow)
        {
            foreach (var column in columns)
            {
                var width = column.Type is VectorDataViewType vector ? vector.Size : 0;
                if (width == 0) csv.WriteField(column.Name);
                for (var slot = 0; slot < width; slot++) csv.WriteField($"{column.Name}.{slot}");
            }

            csv.NextRecord();
        }

        foreach (var block in DataViewReading.Blocks(data, columns))
        {
            for (var row = 0; row < block.RowCount; row++)
            {
                foreach (var column in columns)
                {
                    var width = DataViewBlockCursor.ValuesPerRow(column);
                    for (var slot = 0; slot < width; slot++)
                    {
                        var i = row * width + slot;
                        csv.WriteField(DataViewReading.Value(block, column, i) switch
                        {
                            float value => value.ToString("R", CultureInfo.InvariantCulture),
                            bool value => value ? "true" : "false",
                            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
                            var value => (string)value,
                        });
                    }
                }

                csv.NextRecord();
            }
        }
    }
}
