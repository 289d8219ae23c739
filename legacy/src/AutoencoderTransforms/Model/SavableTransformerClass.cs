using System.Reflection;

namespace Autoencoders;

/// <summary>
/// A class implementing <see cref="ISavableTransformer{TSelf}"/>, found by reflection: its contract
/// name, and its <c>Save</c> and <c>Load</c> called without knowing the class at compile time.
/// </summary>
internal sealed class SavableTransformerClass
{
    /// <summary>The kind model files record for a user's savable transformer.</summary>
    public const string Kind = "user-transformer";

    private readonly MethodInfo _save;
    private readonly MethodInfo _load;

    private SavableTransformerClass(Type type)
    {
        Type = type;
        ContractName = (string)Bridge(nameof(ContractNameOf)).Invoke(null, null)!;
        _save = Bridge(nameof(SaveAs));
        _load = Bridge(nameof(LoadAs));
    }

    /// <summary>The transformer class.</summary>
    public Type Type { get; }

    /// <summary>The name model files record for it.</summary>
    public string ContractName { get; }

    /// <summary>The savable class <paramref name="type"/> is, or null when it does not implement <see cref="ISavableTransformer{TSelf}"/> for itself.</summary>
    public static SavableTransformerClass? Of(Type type) =>
        !type.IsAbstract && type.GetInterfaces().Any(face => face.IsGenericType
            && face.GetGenericTypeDefinition() == typeof(ISavableTransformer<>) && face.GenericTypeArguments[0] == type)
            ? new SavableTransformerClass(type)
            : null;

    /// <summary>The bytes <paramref name="transformer"/> saves.</summary>
    public byte[] Save(ITransformer transformer)
    {
        using var stream = new MemoryStream();
        Invoke(_save, transformer, stream);
        return stream.ToArray();
    }

    /// <summary>The transformer that <paramref name="state"/> (written by <see cref="Save"/>) holds.</summary>
    public ITransformer Load(byte[] state)
    {
        using var stream = new MemoryStream(state, writable: false);
        return (ITransformer)Invoke(_load, stream)!;
    }

    private MethodInfo Bridge(string name) =>
        typeof(SavableTransformerClass).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(Type);

    private static object? Invoke(MethodInfo method, params object[] arguments)
    {
        try
        {
            return method.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static string ContractNameOf<T>() where T : ISavableTransformer<T> => T.ContractName;

    private static void SaveAs<T>(ITransformer transformer, Stream stream) where T : ISavableTransformer<T> => ((T)transformer).Save(stream);

    private static T LoadAs<T>(Stream stream) where T : ISavableTransformer<T> => T.Load(stream);
}
