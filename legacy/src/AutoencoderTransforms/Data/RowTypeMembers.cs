using System.Collections.Concurrent;
using System.Reflection;

namespace Autoencoders.Data;

/// <summary>
/// The fields and properties of a row class that map to columns (public, readable and writable,
/// not marked <see cref="NoColumnAttribute"/>), with their column names and types. Cached per type.
/// </summary>
internal sealed class RowTypeMembers
{
    private static readonly ConcurrentDictionary<Type, RowTypeMembers> Cache = new();

    private RowTypeMembers(Type rowType)
    {
        Members = rowType.GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(member => member is FieldInfo { IsInitOnly: false, IsLiteral: false } or PropertyInfo { CanRead: true, CanWrite: true })
            .Where(member => member.GetCustomAttribute<NoColumnAttribute>() is null)
            .Select(member => new Member(rowType, member))
            .ToArray();
    }

    public IReadOnlyList<Member> Members { get; }

    public static RowTypeMembers Of(Type rowType) => Cache.GetOrAdd(rowType, type => new RowTypeMembers(type));

    public sealed class Member
    {
        private readonly MemberInfo _member;

        public Member(Type rowType, MemberInfo member)
        {
            _member = member;
            ValueType = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
            ColumnName = member.GetCustomAttribute<ColumnNameAttribute>()?.Name ?? member.Name;
            VectorSize = member.GetCustomAttribute<VectorTypeAttribute>()?.Size;
            Load = member.GetCustomAttribute<LoadColumnAttribute>();
            KeyCount = member.GetCustomAttribute<KeyTypeAttribute>()?.Count;
            if (ValueType != typeof(float) && ValueType != typeof(float[]) && ValueType != typeof(int) && ValueType != typeof(bool) && ValueType != typeof(string) &&
                ValueType != typeof(uint) && ValueType != typeof(MLImage))
            {
                throw new ArgumentException(
                    $"{rowType.Name}.{member.Name} is {ValueType.Name}; columns hold float, float[], int, uint (keys), bool, string or MLImage.", nameof(rowType));
            }

            if ((ValueType == typeof(uint)) != (KeyCount is not null))
            {
                throw new ArgumentException($"{rowType.Name}.{member.Name}: a key column is a uint member with [KeyType(count)], and only such a member is one.", nameof(rowType));
            }

            if (VectorSize is < 1 || (VectorSize is not null && ValueType != typeof(float[])))
            {
                throw new ArgumentException($"{rowType.Name}.{member.Name}: [VectorType] needs a float[] member and a size of at least 1.", nameof(rowType));
            }
        }

        public string ColumnName { get; }

        public Type ValueType { get; }

        public int? VectorSize { get; }

        public LoadColumnAttribute? Load { get; }

        /// <summary>The categories of a key member ([KeyType]); null for other members.</summary>
        public ulong? KeyCount { get; }

        public string Name => _member.Name;

        public object? GetValue(object row) => _member is FieldInfo field ? field.GetValue(row) : ((PropertyInfo)_member).GetValue(row);

        public void SetValue(object row, object? value)
        {
            if (_member is FieldInfo field) field.SetValue(row, value);
            else ((PropertyInfo)_member).SetValue(row, value);
        }

        /// <summary>The column type, given the vector size found in the data when no attribute declares it.</summary>
        public DataViewType ColumnType(int? observedVectorSize = null) =>
            ValueType == typeof(float) ? NumberDataViewType.Single
            : ValueType == typeof(int) ? NumberDataViewType.Int32
            : ValueType == typeof(bool) ? BooleanDataViewType.Instance
            : ValueType == typeof(string) ? TextDataViewType.Instance
            : ValueType == typeof(uint) ? new KeyDataViewType(typeof(uint), KeyCount!.Value)
            : ValueType == typeof(MLImage) ? new ImageDataViewType()
            : new VectorDataViewType(VectorSize ?? observedVectorSize
                ?? throw new ArgumentException($"Member '{Name}' needs [VectorType(size)] to declare its vector size."));
    }
}
