using System.Reflection;

namespace Autoencoders;

/// <summary>
/// The user components a model file can name, as ML.NET's: custom-mapping factories, found by
/// registering the assemblies that hold them. A model that uses a custom mapping loads only through
/// a context where its factory's assembly was registered.
/// </summary>
public sealed class ComponentCatalog
{
    private readonly Dictionary<string, Type> _mappingFactories = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    internal ComponentCatalog() { }

    /// <summary>Registers every <c>CustomMappingFactory</c> in <paramref name="assembly"/> marked with a contract name.</summary>
    /// <exception cref="ArgumentException">Two factories claim the same contract name.</exception>
    public void RegisterAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var factories = assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(ICustomMappingFactory).IsAssignableFrom(type))
            .Select(type => (Type: type, type.GetCustomAttribute<CustomMappingFactoryAttributeAttribute>()?.ContractName))
            .Where(factory => factory.ContractName is not null);
        lock (_lock)
        {
            foreach (var (type, contractName) in factories)
            {
                if (_mappingFactories.TryGetValue(contractName!, out var existing) && existing != type)
                {
                    throw new ArgumentException($"Both {existing.FullName} and {type.FullName} make the custom mapping '{contractName}'.", nameof(assembly));
                }

                _mappingFactories[contractName!] = type;
            }
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
}
