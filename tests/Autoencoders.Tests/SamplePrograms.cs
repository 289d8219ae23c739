using System.Globalization;

namespace Autoencoders.Tests;

/// <summary>Where the samples' (and the bench's) built programs are, and reading the metrics they print.</summary>
internal static class SamplePrograms
{
    /// <summary>The built program of samples/<paramref name="name"/> (or of another folder's), in the configuration the tests were built in.</summary>
    public static string Path(string name, string folder = "samples") =>
        System.IO.Path.Combine(RepositoryRoot(), folder, name, "bin", Configuration(), "net10.0", name + ".dll");

    /// <summary>A file of the repository.</summary>
    public static string RepositoryFile(params string[] parts) => System.IO.Path.Combine([RepositoryRoot(), .. parts]);

    /// <summary>The number after <paramref name="name"/> on the output's line that starts with it.</summary>
    public static double Metric(string output, string name)
    {
        var line = output.Split('\n').First(line => line.StartsWith(name, StringComparison.Ordinal));
        return double.Parse(line[name.Length..].Trim().Split(' ', ',')[0], CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(System.IO.Path.Combine(directory.FullName, "Autoencoders.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("The tests do not run inside the repository.");
        }

        return directory.FullName;
    }

    /// <summary>The build configuration of the tests (their output is bin/&lt;configuration&gt;/net10.0/linux-x64).</summary>
    internal static string Configuration() => new DirectoryInfo(System.IO.Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Parent!.Name;
}
