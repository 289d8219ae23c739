using System.Reflection;

namespace Autoencoders;

/// <summary>
/// The user components a model file can name, as ML.NET's: custom-mapping factories and the
/// user's own savable transformers (<see cref="ISavableTransformer{TSelf}"/>), found by registering
/// the assemblies that hold them. A model that uses one loads only through a context where its
/// assembly was registered.
/// </summary>
public sealed class ComponentCatalog
{
    private readonly Dictionary<string, Type> _mappingFactories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SavableTransformerClass> _transformers = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    internal ComponentCatalog() { }

    /// <summary>
    /// Registers every <c>CustomMappingFactory</c> in <paramref name="assembly"/> marked with a
    /// contract name, and every class implementing <see cref="ISavableTransformer{TSelf}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Two factories, or two transformer classes, claim the same contract name; nothing is registered.</exception>
    public void RegisterAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var types = assembly.GetTypes();
        var factories = types
            .Where(type => !type.IsAbstract && typeof(ICustomMappingFactory).IsAssignableFrom(type))
            .Select(type => (type.GetCustomAttribute<CustomMappingFactoryAttributeAttribute>()?.ContractName, Type: type))
            .Where(factory => factory.ContractName is not null)
            .Select(factory => (ContractName: factory.ContractName!, factory.Type))
            .ToArray();
        var transformers = types.Select(SavableTransformerClass.Of).OfType<SavableTransformerClass>()
            .Select(found => (found.ContractName, Class: found))
            .ToArray();
        lock (_lock)
        {
            RefuseClashes(_mappingFactories, factories, type => type, "custom mapping");
            RefuseClashes(_transformers, transformers, found => found.Type, "savable transformer");
            foreach (var (contractName, type) in factories) _mappingFactories[contractName] = type;
            foreach (var (contractName, found) in transformers) _transformers[contractName] = found;
        }
    }

    private static void RefuseClashes<T>(Dictionary<string, T> registered, (string ContractName, T Item)[] added, Func<T, Type> typeOf, string what)
    {
        var claims = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var (contractName, item) in added)
        {
            var type = typeOf(item);
            var existing = registered.TryGetValue(contractName, out var earlier) ? typeOf(earlier) : claims.GetValueOrDefault(contractName);
            if (existing is not null && existing != type)
            {
                throw new ArgumentException($"Both {existing.FullName} and {type.FullName} claim the {what} '{contractName}'.", "assembly");
            }

            claims[contractName] = type;
        }
    }

    /// <summary>The transformer of the custom mapping <paramref name="contractName"/>, or null when no registered factory makes it.</summary>
    internal ITransformer? CreateCustomMapping(string contractName)
    {
        Type? type;
        lock (_lock)
        {
            _mappingFactories.TryGetValue(contractName, out type);
        }

        return type is null ? null : ((ICustomMappingFactory)Activator.CreateInstance(type)!).CreateTransformer(contractName);
    }

    /// <summary>The registered class implementing <see cref="ISavableTransformer{TSelf}"/> under <paramref name="contractName"/>, or null.</summary>
    internal SavableTransformerClass? FindTransformerClass(string contractName)
    {
        lock (_lock)
        {
            return _transformers.GetValueOrDefault(contractName);
        }
    }
}
