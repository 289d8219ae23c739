using System.CommandLine;
using System.CommandLine.Parsing;

/// <summary>Range checks on option values, made when the command line is parsed, so a value out of range is bad usage (exit 2) naming the option.</summary>
internal static class OptionRequirements
{
    /// <summary>
    /// Refuses a value of <paramref name="option"/> that <paramref name="accepts"/> rejects, with
    /// "NAME takes REQUIREMENT, not 'VALUE'." among the parse errors.
    /// </summary>
    public static Option<T> Requiring<T>(this Option<T> option, Func<T, bool> accepts, string requirement)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || TryValue(result, out T value) is false || accepts(value)) return;
            result.AddError($"{option.Name} takes {requirement}, not '{result.Tokens[^1].Value}'.");
        });
        return option;
    }

    /// <summary>The parsed value, or false where it did not parse (that error is already reported).</summary>
    private static bool TryValue<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
