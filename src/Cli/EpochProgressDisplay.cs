using Autoencoders.Trainers;
using Spectre.Console;

/// <summary>
/// Shows training progress on standard error, so standard output carries only the result lines:
/// a live bar per batch on a terminal, about ten plain lines per training when redirected, nothing when quiet.
/// </summary>
internal sealed class EpochProgressDisplay(bool quiet)
{
    private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Runs <paramref name="train"/>, giving it the progress sinks for its options.</summary>
    public T Run<T>(string title, Func<IProgress<EpochProgress>?, IProgress<BatchProgress>?, T> train)
    {
        if (quiet)
        {
            return train(null, null);
        }

        if (Console.IsErrorRedirected)
        {
            // About ten lines per training, whatever its number of epochs: the first, every tenth of the way, the last.
            return train(new Reporter<EpochProgress>(epoch =>
            {
                if (epoch.Epoch == 1 || epoch.Epoch == epoch.EpochCount || epoch.Epoch * 10 / epoch.EpochCount != (epoch.Epoch - 1) * 10 / epoch.EpochCount)
                {
                    var validation = epoch.ValidationLoss is { } loss ? $" validation {loss:F5}" : "";
                    Console.Error.WriteLine($"{title}: epoch {epoch.Epoch}/{epoch.EpochCount} train {epoch.TrainingLoss:F5}{validation} {epoch.Elapsed.TotalSeconds:F0}s");
                }
            }), null);
        }

        T result = default!;
        _console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(title);
                result = train(
                    new Reporter<EpochProgress>(epoch => task.Description = $"{title} (epoch {epoch.Epoch}, validation {epoch.ValidationLoss:F4})"),
                    new Reporter<BatchProgress>(batch =>
                    {
                        task.MaxValue = batch.EpochCount;
                        task.Value = batch.Epoch - 1 + batch.Batch / (double)batch.BatchCount;
                    }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
