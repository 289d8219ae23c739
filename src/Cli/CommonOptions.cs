using System.CommandLine;
using System.Globalization;

namespace Autoencoders.Cli;

/// <summary>The options several commands take, made afresh for each command.</summary>
internal static class CommonOptions
{
    /// <summary>The file to read: CSV with a header line, or the library's binary format (ml.Data.SaveAsBinary).</summary>
    public static Option<string> Data(string description) => new("--data") { Description = description, Required = true };

    /// <summary>The model file that train wrote.</summary>
    public static Option<string> ExistingModel() => new("--model") { Description = "The model file that train wrote.", Required = true };

    /// <summary>The CSV field separator.</summary>
    public static Option<char> Separator() => new("--separator") { Description = "The field separator.", DefaultValueFactory = _ => ',' };

    /// <summary>A whole number, 0 or more, with a default.</summary>
    public static Option<int> Count(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            if (int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)) return count;
            result.AddError($"{name} takes a whole number, 0 or more, not '{result.Tokens[0].Value}'.");
            return 0;
        },
    };

    /// <summary>No progress on standard error.</summary>
    public static Option<bool> Quiet() => new("--quiet") { Description = "Show no progress." };
}
