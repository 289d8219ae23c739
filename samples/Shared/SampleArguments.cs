using System.Globalization;

/// <summary>The samples' command-line options: "--name value" pairs and bare "--flag"s.</summary>
internal sealed class SampleArguments(string[] args)
{
    /// <summary>Whether <paramref name="flag"/> is present.</summary>
    public bool Has(string flag) => args.Contains(flag);

    /// <summary>The value after <paramref name="name"/>, or null.</summary>
    public string? Text(string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The integer after <paramref name="name"/>, or null.</summary>
    public int? Integer(string name) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}
