namespace Autoencoders;

/// <summary>
/// A transformer of your own that model files can hold. Implement it on the transformer class
/// (<typeparamref name="TSelf"/> is that class), and call <c>ml.ComponentCatalog.RegisterAssembly</c>
/// with its assembly before loading a model that holds one: the model file records
/// <see cref="ContractName"/> and the bytes <see cref="Save"/> wrote, and loading hands those bytes
/// to <see cref="Load"/> of the class registered under that name.
/// </summary>
/// <typeparam name="TSelf">The implementing transformer class.</typeparam>
public interface ISavableTransformer<TSelf> : ITransformer where TSelf : ISavableTransformer<TSelf>
{
    /// <summary>The name model files record for this class: unique among the classes registered in one context, and stable across versions of it.</summary>
    static abstract string ContractName { get; }

    /// <summary>Writes everything the transformer learned or was configured with to <paramref name="stream"/>.</summary>
    /// <param name="stream">A stream that only this transformer writes to; it is not closed by the transformer.</param>
    void Save(Stream stream);

    /// <summary>The transformer <see cref="Save"/> wrote to <paramref name="stream"/>.</summary>
    /// <param name="stream">Exactly the bytes <see cref="Save"/> wrote.</param>
    /// <exception cref="InvalidDataException">The bytes are not a saved transformer of this class.</exception>
    static abstract TSelf Load(Stream stream);
}
