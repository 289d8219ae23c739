using System.Diagnostics;

namespace Autoencoders.Tests;

/// <summary>Runs another program to completion, for tests that drive samples, compilers and the dotnet CLI.</summary>
internal static class ExternalCommand
{
    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="arguments"/> and returns its exit code and
    /// output; fails the test when it has not finished within <paramref name="timeout"/>.
    /// </summary>
    public static (int Exit, string Output, string Error) Run(string file, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        return Finish(process, timeout);
    }

    /// <summary>
    /// Waits for a started <paramref name="process"/> (its output redirected) and returns its exit
    /// code and output; kills it and fails the test when it has not finished within <paramref name="timeout"/>.
    /// </summary>
    public static (int Exit, string Output, string Error) Finish(Process process, TimeSpan timeout)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)} did not finish within {timeout}");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>As <see cref="Run"/>, failing the test with the program's output when it exits with an error.</summary>
    public static string RunToSuccess(string file, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (exit, output, error) = Run(file, arguments, timeout, workingDirectory, environment);
        Assert.True(exit == 0, $"{file} {string.Join(' ', arguments)} exited with {exit}:\n{output}\n{error}");
        return output;
    }
}
