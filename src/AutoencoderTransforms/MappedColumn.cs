using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// A column that a <see cref="BatchMapping"/> writes: a Single, a Boolean (true where the value
/// computed is not 0), a key (the value computed, a whole number from 0 to the key count) or a vector
/// of Singles of known size, <see cref="Width"/> values per row.
/// </summary>
internal sealed record MappedColumn(string Name, DataViewType Type, int Width, DataViewSchema.Annotations? Annotations = null)
{
    /// <summary>The annotation kind of a vector's slot names.</summary>
    private const string SlotNamesKind = "SlotNames";

    /// <summary>A Single column.</summary>
    public static MappedColumn Single(string name) => new(name, NumberDataViewType.Single, 1);

    /// <summary>A Boolean column.</summary>
    public static MappedColumn Boolean(string name) => new(name, BooleanDataViewType.Instance, 1);

    /// <summary>A key column of <paramref name="type"/> (UInt32 keys), with <paramref name="annotations"/> (key values) if given.</summary>
    public static MappedColumn Key(string name, KeyDataViewType type, DataViewSchema.Annotations? annotations = null) => new(name, type, 1, annotations);

    /// <summary>A column of <paramref name="width"/> Singles per row, with <paramref name="annotations"/> (slot names) if given.</summary>
    public static MappedColumn Vector(string name, int width, DataViewSchema.Annotations? annotations = null) =>
        new(name, new VectorDataViewType(NumberDataViewType.Single, width), width, annotations);

    /// <summary>Slot names <paramref name="prefix"/>0, <paramref name="prefix"/>1, ... for a vector of <paramref name="width"/> values.</summary>
    public static DataViewSchema.Annotations SlotNames(string prefix, int width)
    {
        var names = Enumerable.Range(0, width).Select(i => (prefix + i).AsMemory()).ToArray();
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(SlotNamesKind, new VectorDataViewType(TextDataViewType.Instance, width),
            (ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(width, names));
        return builder.ToAnnotations();
    }

    /// <summary>The slot names of <paramref name="column"/>, for a column of one value per slot of it; null when it has none.</summary>
    public static DataViewSchema.Annotations? SlotNamesOf(DataViewSchema.Column column)
    {
        if (!column.HasSlotNames())
        {
            return null;
        }

        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(column.Annotations, kind => kind == SlotNamesKind);
        return builder.ToAnnotations();
    }

    /// <summary>
    /// The getter of this column's value in the current row, whose values <paramref name="current"/>
    /// gives (an array and the row's first index in it), typed as a cursor's <c>GetGetter&lt;TValue&gt;</c> asks.
    /// </summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="TValue"/> is not this column's type.</exception>
    public ValueGetter<TValue> Getter<TValue>(Func<(float[] Values, int Start)> current)
    {
        Delegate getter = Type switch
        {
            VectorDataViewType => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
            {
                var (values, start) = current();
                var editor = VBufferEditor.Create(ref value, Width);
                values.AsSpan(start, Width).CopyTo(editor.Values);
                value = editor.Commit();
            }),
            KeyDataViewType => (ValueGetter<uint>)((ref uint value) =>
            {
                var (values, start) = current();
                value = (uint)values[start];
            }),
            BooleanDataViewType => (ValueGetter<bool>)((ref bool value) =>
            {
                var (values, start) = current();
                value = values[start] != 0f;
            }),
            _ => (ValueGetter<float>)((ref float value) =>
            {
                var (values, start) = current();
                value = values[start];
            }),
        };
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{Name}' has type {Type}; it cannot be read as {typeof(TValue).Name}.");
    }
}
