using System.CommandLine;

/// <summary>
/// Runs a command line with the exit codes of this project's programs (the tool and the samples):
/// 0 when the command finished; 1 for bad input, with one "error:" line on standard error naming
/// the file (and the line and column where known), which includes what the engine refuses to train on; 2 for bad usage (an unknown command or option,
/// a missing or malformed value), with the errors and the usage text of the command concerned.
/// </summary>
internal static class CommandLineRunner
{
    /// <summary>The command finished.</summary>
    public const int Success = 0;

    /// <summary>A file could not be read or holds something the command cannot use.</summary>
    public const int BadInput = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int BadUsage = 2;

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the command they name.</summary>
    public static int Run(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"error: {error.Message}");
            }

            var command = parsed.CommandResult.Command;
            root.Parse(command == root ? ["--help"] : [command.Name, "--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
            return BadUsage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        // InvalidOperationException: what the engine refuses while training or scoring (divergence, a NaN value), naming the row.
        // NotSupportedException: a model holding a step with no ONNX form, named, for export.
        catch (Exception error) when (error is ArgumentException or InvalidDataException or IOException or FormatException or UnauthorizedAccessException
                                          or InvalidOperationException or NotSupportedException)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return BadInput;
        }
    }
}
