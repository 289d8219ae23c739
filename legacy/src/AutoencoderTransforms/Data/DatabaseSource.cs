using System.Data.Common;

namespace Autoencoders.Data;

/// <summary>
/// A query whose rows a <see cref="DatabaseLoader"/> reads, over any ADO.NET provider (ML.NET's
/// <c>DatabaseSource</c>): the provider's factory, a connection string and the command text.
/// </summary>
public sealed class DatabaseSource
{
    /// <summary>A query run through <paramref name="providerFactory"/> on <paramref name="connectionString"/>.</summary>
    /// <param name="providerFactory">The provider, e.g. <c>NpgsqlFactory.Instance</c> or <c>SqlClientFactory.Instance</c>.</param>
    /// <param name="connectionString">How to reach the database.</param>
    /// <param name="commandText">The query; give it an ORDER BY when the same rows must come in the same order on every pass (a split by row position depends on it).</param>
    /// <param name="commandTimeoutInSeconds">How long the query may run before it fails; the provider's default when null.</param>
    public DatabaseSource(DbProviderFactory providerFactory, string connectionString, string commandText, int? commandTimeoutInSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(providerFactory);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(commandText);
        if (commandTimeoutInSeconds is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(commandTimeoutInSeconds), commandTimeoutInSeconds, "The timeout must not be negative.");
        }

        ProviderFactory = providerFactory;
        ConnectionString = connectionString;
        CommandText = commandText;
        CommandTimeoutInSeconds = commandTimeoutInSeconds;
    }

    /// <summary>The ADO.NET provider.</summary>
    public DbProviderFactory ProviderFactory { get; }

    /// <summary>How to reach the database.</summary>
    public string ConnectionString { get; }

    /// <summary>The query.</summary>
    public string CommandText { get; }

    /// <summary>The query's timeout in seconds, or null for the provider's default.</summary>
    public int? CommandTimeoutInSeconds { get; }
}
