namespace Autoencoders.Transforms;

/// <summary>
/// Makes the mapping of a savable <c>CustomMapping</c>, as in ML.NET: derive from it, mark the class
/// with <see cref="CustomMappingFactoryAttributeAttribute"/> naming the contract the pipeline passes
/// as <c>contractName</c>, and register its assembly with <c>ml.ComponentCatalog.RegisterAssembly</c>
/// before loading a model that uses it.
/// </summary>
/// <typeparam name="TSrc">The input row class.</typeparam>
/// <typeparam name="TDst">The output row class.</typeparam>
public abstract class CustomMappingFactory<TSrc, TDst> : ICustomMappingFactory
    where TSrc : class, new()
    where TDst : class, new()
{
    /// <summary>The mapping: reads one input row and fills one output row.</summary>
    public abstract Action<TSrc, TDst> GetMapping();

    ITransformer ICustomMappingFactory.CreateTransformer(string contractName) => new CustomMappingTransformer<TSrc, TDst>(GetMapping(), contractName);
}

/// <summary>What <see cref="ComponentCatalog"/> needs of a mapping factory, whatever its row types.</summary>
internal interface ICustomMappingFactory
{
    ITransformer CreateTransformer(string contractName);
}

/// <summary>Names the contract a <see cref="CustomMappingFactory{TSrc, TDst}"/> makes the mapping for (ML.NET's name; written <c>[CustomMappingFactoryAttribute("name")]</c>).</summary>
/// <param name="contractName">The name pipelines pass as <c>contractName</c>.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CustomMappingFactoryAttributeAttribute(string contractName) : Attribute
{
    /// <summary>The contract name.</summary>
    public string ContractName { get; } = contractName;
}
