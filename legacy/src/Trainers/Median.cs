namespace Autoencoders.Trainers;

/// <summary>The median the library's statistics use: the middle value, or the mean of the two middle ones.</summary>
internal static class Median
{
    /// <summary>The median of <paramref name="values"/>, which must not be empty.</summary>
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
