using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Autoencoders.Transforms;

/// <summary>
/// The <see cref="IHostEnvironment"/> behind an ML.NET catalog (the <see cref="MLContext"/>), which
/// ML.NET keeps behind an internal interface: its log reaches <c>mlContext.Log</c> and its random
/// stream follows <c>new MLContext(seed)</c>.
/// </summary>
internal static class CatalogEnvironment
{
    private static readonly PropertyInfo EnvironmentProperty =
        typeof(TransformsCatalog).Assembly.GetType("Microsoft.ML.Data.IInternalCatalog")?.GetProperty("Environment")
        ?? throw new InvalidOperationException("This version of Microsoft.ML has no IInternalCatalog.Environment; the autoencoder components need Microsoft.ML 6.");

    /// <summary>The environment of <paramref name="catalog"/>, any of ML.NET's catalogs.</summary>
    public static IHostEnvironment Of(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return (IHostEnvironment)(EnvironmentProperty.GetValue(catalog)
            ?? throw new InvalidOperationException($"{catalog.GetType().Name} has no environment."));
    }

    /// <summary>The next seed of the context's random stream, as ML.NET's own trainers draw theirs.</summary>
    public static int NextSeed(IHost host) => host.Rand.Next();
}
